import type { Readable } from 'node:stream';

/** A stored object being read. */
export interface StoredFile {
  stream: Readable;
  size: number;
}

/** Where files live: a local folder by default, object storage later. */
export interface Storage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Stores a file from local disk, streamed (archives too large to hold in memory). */
  putFile(key: string, path: string, contentType: string): Promise<void>;
  /** A stream of the object, or null when it does not exist. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the objects; missing ones are ignored. */
  delete(keys: string[]): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface ProcessedImage {
  bytes: Buffer;
  contentType: `image/${ImageFormat}`;
  format: ImageFormat;
  width: number;
  height: number;
}

/** Image work (sharp) as a port, so use cases never import sharp. */
export interface ImageProcessor {
  /**
   * Checks an upload really is a whole PNG, JPEG or WebP within the limits,
   * without metadata or trailing payloads. Throws AppError.
   */
  validateUpload(bytes: Buffer): Promise<ProcessedImage>;
  /** Same for a provider result, with the gallery's small WebP thumbnail made from the same decode. */
  ingestResult(bytes: Buffer): Promise<ProcessedImage & { thumbnail: Buffer }>;
  /** A screen-sized WebP for the detail view. */
  preview(bytes: Buffer): Promise<Buffer>;
}
