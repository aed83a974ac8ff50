import { Readable } from 'node:stream';
import { notFound } from '../lib/errors.js';
import { type ZipStreamEntry, zipStream } from '../lib/zip.js';
import { listImagesForDownload } from './bulk.queries.js';
import type { GenerationContext } from './context.js';
import { findOpenGenerationIds } from './generation.queries.js';
import { downloadFileName, openDownload } from './open-download.js';
import { imageVisible } from './to-view.js';

/**
 * POST /api/generations/download: the images of the user's generations as one
 * ZIP, streamed. Every id must be the user's generation outside the trash, or
 * it throws not_found before a byte exists. Each image is what its single
 * download sends (same bytes, settings inside unless the account turned that
 * off, same name); held and removed images are never in it, mature ones only
 * while the account is opted in. Files are opened one at a time as the
 * response is read and stored as they are (PNG, JPEG and WebP are compressed
 * already), so memory stays flat; when the reader goes away, reading stops.
 */
export async function openBulkDownload(
  deps: Pick<GenerationContext, 'db' | 'storage' | 'modelNames' | 'clock' | 'log'>,
  input: { userId: string; ids: string[]; mature: boolean; embedSettings: boolean },
): Promise<{ fileName: string; images: number; stream: Readable }> {
  const open = await findOpenGenerationIds(deps.db, input.userId, input.ids);
  if (open.size !== input.ids.length) throw notFound('One of those generations');
  const rows = (await listImagesForDownload(deps.db, input.userId, input.ids)).filter((r) =>
    imageVisible(r.image.moderation, input.mature),
  );
  const taken = new Set<string>();
  async function* entries(): AsyncGenerator<ZipStreamEntry> {
    for (const { image, generation } of rows) {
      const file = await openDownload(deps, image, input.embedSettings ? generation : null);
      if (!file) {
        // A row whose file is gone (a removal racing this download): left out rather than failing the whole archive.
        deps.log.warn({ imageId: image.id }, 'bulk download: stored file missing');
        continue;
      }
      // Two generations whose ids share 8 characters would give one name twice: the image id tells them apart.
      let name = downloadFileName(image);
      if (taken.has(name)) name = name.replace(/(\.\w+)$/, `-${image.id.slice(0, 8)}$1`);
      taken.add(name);
      yield { name, source: file.stream, size: file.size, modified: image.createdAt };
    }
  }
  const day = deps.clock.now().toISOString().slice(0, 10);
  return { fileName: `animegen-${day}.zip`, images: rows.length, stream: Readable.from(zipStream(entries()), { objectMode: false }) };
}
