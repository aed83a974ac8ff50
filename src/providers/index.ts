export * from './kie/index.js';
export { meteredProvider } from './metered.js';
export { createProvider, type ProviderConfig, type ProviderExtras } from './registry.js';
export * from './simulator/index.js';
export * from './types.js';
