export { createImageProcessor } from './images.js';
export { storageKeys } from './keys.js';
export { createLocalStorage } from './local.js';
export type { ImageFormat, ImageProcessor, ProcessedImage, Storage } from './types.js';
