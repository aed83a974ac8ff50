export { DEFAULT_PROVIDER_MODEL as COMFY_DEFAULT_PROVIDER_MODEL } from './checkpoints.js';
export { type ComfyProviderOptions, createComfyProvider } from './comfyui-provider.js';
export { type ComfyErrorCode, comfyError } from './errors.js';
export { COMFY_MAX_REFERENCES, dimensionsFor as comfyDimensionsFor } from './request.js';
export { toolsOfWorkflows as comfyToolsOf } from './tools.js';
export { loadWorkflows as loadComfyWorkflows, WorkflowError } from './workflow.js';
