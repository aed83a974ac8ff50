import type { Generation, GenerationStatus, Upload } from '../contracts/api.js';
import type { FailureReason } from '../contracts/errors.js';
import type { Db } from '../db/index.js';
import type { GalleryImage, GalleryUpload } from './gallery.queries.js';
import { type GenerationRow, imagesOf, referencesOf } from './generation.queries.js';
import type { ImageModeration } from './generation.schema.js';

/** Same-origin URLs only: provider URLs never reach a user. */
export const fileUrls = {
  original: (imageId: string) => `/api/files/images/${imageId}/original`,
  thumbnail: (imageId: string) => `/api/files/images/${imageId}/thumbnail`,
  preview: (imageId: string) => `/api/files/images/${imageId}/preview`,
  download: (imageId: string) => `/api/files/images/${imageId}/original?download=1`,
  upload: (uploadId: string) => `/api/files/uploads/${uploadId}`,
};

export function toUploadView(u: Omit<GalleryUpload, 'role'>): Upload {
  return { id: u.id, width: u.width, height: u.height, bytes: u.bytes, contentType: u.contentType, url: fileUrls.upload(u.id) };
}

/** Whether the viewer may see an image in this state: clear ones, and mature ones while opted in (`mature`). Never held or removed. */
export function imageVisible(moderation: ImageModeration, mature: boolean): boolean {
  switch (moderation) {
    case 'clear':
      return true;
    case 'mature':
      return mature;
    case 'held':
    case 'removed':
      return false;
    default: {
      const never: never = moderation;
      throw new Error(`unknown image state ${never}`);
    }
  }
}

/** Loads images and references for the rows in two queries and builds the API view, with the images the viewer may see. */
export async function toGenerationViews(
  db: Db,
  rows: GenerationRow[],
  modelNames: Map<string, string>,
  mature: boolean,
): Promise<Generation[]> {
  const ids = rows.map((r) => r.id);
  const [images, refs] = await Promise.all([imagesOf(db, ids), referencesOf(db, ids)]);
  return rows.map((row) => {
    const own = images.filter((i) => i.generationId === row.id);
    return toGenerationView(
      row,
      own.filter((i) => imageVisible(i.moderation, mature)).map((i) => ({ ...i, favourite: i.favouritedAt != null })),
      refs.filter((r) => r.generationId === row.id).map((r) => ({ ...r.upload, role: r.role })),
      modelNames,
      own.filter((i) => i.moderation === 'held').length,
    );
  });
}

/** The API view of one generation from its row, the images the viewer may see (already filtered), held ones counted, and reference uploads. */
export function toGenerationView(
  row: GenerationRow,
  images: GalleryImage[],
  references: GalleryUpload[],
  modelNames: Map<string, string>,
  inReview = 0,
): Generation {
  const first = images[0];
  const byRole = (role: GalleryUpload['role']) => references.filter((u) => u.role === role);
  return {
    id: row.id,
    status: row.status as GenerationStatus,
    tool: row.tool,
    parentImageId: row.parentImageId,
    sourceUploadId: byRole('source')[0]?.id ?? null,
    maskUploadId: byRole('mask')[0]?.id ?? null,
    factor: row.factor,
    prompt: row.prompt,
    negativePrompt: row.negativePrompt,
    sentPrompt: row.sentPrompt ?? row.prompt,
    sentNegativePrompt: row.sentNegativePrompt ?? row.negativePrompt,
    model: row.modelId,
    modelName: modelNames.get(row.modelId) ?? row.modelId,
    aspectRatio: row.aspectRatio,
    count: row.count,
    seed: row.seed,
    steps: row.steps,
    guidance: row.guidance,
    strength: row.strength,
    sampler: row.sampler,
    cost: row.cost,
    refunded: row.refunded,
    error: row.errorCode ? { code: row.errorCode as FailureReason, message: row.errorMessage ?? '' } : null,
    imageUrl: first ? fileUrls.original(first.id) : null,
    thumbnailUrl: first ? fileUrls.thumbnail(first.id) : null,
    images: images.map((i) => ({
      id: i.id,
      url: fileUrls.original(i.id),
      thumbnailUrl: fileUrls.thumbnail(i.id),
      previewUrl: fileUrls.preview(i.id),
      downloadUrl: fileUrls.download(i.id),
      width: i.width,
      height: i.height,
      mature: i.moderation === 'mature',
      favourite: i.favourite,
    })),
    inReview,
    references: byRole('reference').map(toUploadView),
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    completedAt: row.completedAt?.toISOString() ?? null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
  };
}

/** The API view of one generation read through `db` (a transaction sees its own change): a webhook event's data. */
export async function generationView(db: Db, modelNames: Map<string, string>, row: GenerationRow, mature: boolean): Promise<Generation> {
  const [view] = await toGenerationViews(db, [row], modelNames, mature);
  return view!;
}
