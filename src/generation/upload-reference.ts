import type { Upload } from '../contracts/api.js';
import { newId } from '../lib/ids.js';
import { storageKeys } from '../storage/index.js';
import type { GenerationContext } from './context.js';
import { uploads } from './generation.schema.js';
import { toUploadView } from './to-view.js';

/**
 * Stores a reference image for later generations: validated and re-encoded
 * (no metadata) before it is written; the row is inserted only after the file.
 */
export async function uploadReference(
  deps: Pick<GenerationContext, 'db' | 'storage' | 'images'>,
  input: { userId: string; bytes: Buffer },
): Promise<Upload> {
  const image = await deps.images.validateUpload(input.bytes);
  const id = newId();
  const key = storageKeys.upload(input.userId, id, image.format);
  await deps.storage.put(key, image.bytes, image.contentType);
  try {
    const [row] = await deps.db
      .insert(uploads)
      .values({
        id,
        userId: input.userId,
        storageKey: key,
        contentType: image.contentType,
        width: image.width,
        height: image.height,
        bytes: image.bytes.length,
      })
      .returning();
    return toUploadView(row!);
  } catch (err) {
    await deps.storage.delete([key]);
    throw err;
  }
}
