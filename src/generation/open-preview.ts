import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { StoredFile } from '../storage/index.js';
import type { GenerationContext } from './context.js';
import { findOwnedImage, type ImageRow } from './generation.queries.js';

/** Previews being made in this process, so a burst of views of one image renders it once. */
const rendering = new Map<string, Promise<Buffer | null>>();

/**
 * The screen-sized WebP preview of one of the owner's images, made on its
 * first view rather than when the generation finished: the result reaches the
 * gallery sooner (the preview was the costliest step of ingestion, ~40 % of it)
 * and images never opened in the viewer cost nothing. Null when the original
 * is gone too. Images stored before previews existed have no preview key and
 * are shown from the original.
 */
export async function openPreview(
  deps: Pick<GenerationContext, 'db' | 'storage' | 'images' | 'ingestion'>,
  image: ImageRow,
): Promise<StoredFile | null> {
  const key = image.previewKey;
  if (!key) return deps.storage.get(image.originalKey);
  const stored = await deps.storage.get(key);
  if (stored) return stored;
  let pending = rendering.get(key);
  if (!pending) {
    // Under the same bound as ingestion: a burst of first views must not decode every original at once.
    pending = deps.ingestion(() => render(deps, image, key)).finally(() => rendering.delete(key));
    rendering.set(key, pending);
  }
  const bytes = await pending;
  return bytes ? { stream: Readable.from([bytes]), size: bytes.length } : null;
}

async function render(deps: Pick<GenerationContext, 'db' | 'storage' | 'images'>, image: ImageRow, key: string): Promise<Buffer | null> {
  const original = await deps.storage.get(image.originalKey);
  if (!original) return null;
  const preview = await deps.images.preview(await buffer(original.stream));
  await deps.storage.put(key, preview, 'image/webp');
  // Deleted while we rendered: its files were removed before ours was written, so remove ours.
  if (!(await findOwnedImage(deps.db, image.userId, image.id))) {
    await deps.storage.delete([key]);
    return null;
  }
  return preview;
}
