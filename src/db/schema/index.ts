export * from './auth.js';
export * from './credits.js';
export * from './generations.js';
