export {
  compileDenylist,
  type Denylist,
  decidePrompt,
  type PromptBlockCategory,
  type PromptDecision,
  type PromptToDecide,
} from './decide-prompt.js';
export { normalizePrompt } from './normalize-prompt.js';
