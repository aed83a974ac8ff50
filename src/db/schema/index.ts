export * from './admin.js';
export * from './auth.js';
export * from './billing.js';
export * from './credits.js';
export * from './generations.js';
export * from './privacy.js';
