export { createLiveHub, type LiveHub, type LiveNotice, notifyLive } from './live-events.js';
