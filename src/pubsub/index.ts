export { createHintHub, type HintHub, hintExpression, sendHintBestEffort } from './hints.js';
export { createLiveHub, type LiveHub, type LiveNotice, notifyLiveBestEffort } from './live-events.js';
