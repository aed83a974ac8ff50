export { checkPrompt } from './check-prompt.js';
export {
  compileDenylist,
  type Denylist,
  decidePrompt,
  type PromptBlockCategory,
  type PromptDecision,
  type PromptToDecide,
} from './decide-prompt.js';
export { adminDecideCase, type DecidedCase, type ImageCase, queueImageCases } from './image-cases.js';
export { adminListCases } from './list-cases.js';
export { addDenylistTerm, adminListDenylist, removeDenylistTerm } from './manage-denylist.js';
export { adminStrikesOf, countOpenCases } from './moderation.queries.js';
export { normalizePrompt } from './normalize-prompt.js';
export { eraseUserData, exportUserData } from './personal-data.js';
export { createPromptScreen, type OnRefused, type PromptToScreen, type ScreenPrompt } from './screen-prompt.js';
