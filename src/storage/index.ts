export { createImageProcessor } from './images.js';
export { storageKeys } from './keys.js';
export { createLocalStorage } from './local.js';
// s3.ts is imported on demand (deps.ts): the AWS SDK costs ~280 ms at start-up.
export { parseStorageUrl, type StorageLocation } from './location.js';
export type { S3StorageOptions } from './s3.js';
export type { ImageFormat, ImageProcessor, ProcessedImage, Storage, StoredFile } from './types.js';
