export { createLiveHub, type LiveHub, type LiveNotice, notifyLiveBestEffort } from './live-events.js';
