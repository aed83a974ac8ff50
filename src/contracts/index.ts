export * from './admin.js';
export * from './api.js';
export * from './billing.js';
export * from './errors.js';
export * from './moderation.js';
export * from './privacy.js';
export * from './prompts.js';
export * from './tags.js';
