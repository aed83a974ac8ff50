export { type A1111ProviderOptions, createA1111Provider } from './a1111-provider.js';
export { DEFAULT_PROVIDER_MODEL as A1111_DEFAULT_PROVIDER_MODEL } from './checkpoints.js';
export { type A1111ErrorCode, a1111Error } from './errors.js';
export { A1111_MAX_REFERENCES, type A1111Defaults, DEFAULT_A1111_SETTINGS, dimensionsFor as a1111DimensionsFor } from './request.js';
