export { type LoadedTagIndex, loadTagIndex, loadTagIndexOnce } from './load-tag-index.js';
export { suggestTags, type TagSuggestion } from './suggest-tags.js';
export type { TagCategory, TagIndex } from './tag-index.js';
export { createTagSuggester, type RecentPrompts, type TagSuggester } from './tag-suggester.js';
export { RECENT_PROMPTS } from './tag-usage.js';
