export { noKnownImageMatcher } from './known-images.js';
export { defaultNsfwThresholds, type NsfwScores, type NsfwThresholds, nsfwVerdict } from './nsfw-verdict.js';
export { createLocalImageModerator, type LocalModeratorOptions } from './nsfwjs.js';
export { offImageModerator } from './off.js';
export { createOpenAiImageModerator, type OpenAiModeratorSettings } from './openai.js';
export { ImageModerationUnavailable, type ImageModerator, type ImageVerdict, type KnownImageMatcher } from './types.js';
