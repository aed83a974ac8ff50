export * from './a1111/index.js';
export * from './comfyui/index.js';
export * from './kie/index.js';
export { meteredProvider } from './metered.js';
export { createProvider, type ProviderConfig, type ProviderExtras } from './registry.js';
export { createSharedRateLimiter } from './shared-rate-limit.js';
export * from './simulator/index.js';
export { A1111_TOOLS, COMFY_TOOLS, toolsOfProvider } from './tools.js';
export * from './types.js';
