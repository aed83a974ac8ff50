import type { Upload } from '../contracts/api.js';
import { AppError } from '../lib/errors.js';
import { newId } from '../lib/ids.js';
import { storageKeys } from '../storage/index.js';
import type { GenerationContext } from './context.js';
import { uploads } from './generation.schema.js';
import { toUploadView } from './to-view.js';

/**
 * Stores a reference image for later generations: validated and re-encoded
 * (no metadata), then checked, before it is written; the row is inserted only
 * after the file. Refused (422 content_policy, nothing kept): a known illegal
 * image, or an explicit one for an account without the mature opt-in. Whether
 * it is a photograph is kept: a sexual prompt may not use it (submit). When
 * the check cannot answer, nothing is kept (503 moderation_unavailable).
 */
export async function uploadReference(
  deps: Pick<GenerationContext, 'db' | 'storage' | 'images' | 'imageModerator' | 'knownImages' | 'log'>,
  input: { userId: string; bytes: Buffer; mature: boolean },
): Promise<Upload> {
  const image = await deps.images.validateUpload(input.bytes);
  // As received (how hash lists know an image) and as it would be stored.
  if ((await deps.knownImages.matches(input.bytes)) || (await deps.knownImages.matches(image.bytes))) {
    deps.log.warn({ account: input.userId }, 'an upload matched the known-image list');
    throw new AppError('content_policy', 'This image cannot be used on this service.', { field: 'file', category: 'known_image' });
  }
  const verdict = await deps.imageModerator.classify(image.bytes, image.contentType).catch((err: Error) => {
    deps.log.warn({ err }, 'image check failed: the upload was not kept');
    throw new AppError(
      'moderation_unavailable',
      'The image check is not available right now, so the image was not kept. Try again in a moment.',
    );
  });
  if (verdict.explicit && !input.mature) {
    throw new AppError('content_policy', 'This image was refused: explicit images are not allowed on this account.', {
      field: 'file',
      category: 'explicit_upload',
    });
  }
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
        photographic: verdict.photographic,
      })
      .returning();
    return toUploadView(row!);
  } catch (err) {
    await deps.storage.delete([key]);
    throw err;
  }
}
