import { createHash } from 'node:crypto';
import type { CaseCategory } from '../contracts/moderation.js';
import { refundGeneration } from '../credits/index.js';
import { queueImageCases } from '../moderation/index.js';
import { type DownloadedImage, ProviderError } from '../providers/index.js';
import { notifyLiveBestEffort } from '../pubsub/index.js';
import { storageKeys } from '../storage/index.js';
import type { GenerationContext } from './context.js';
import { failGeneration } from './fail-generation.js';
import { type Failure, pipelineFailures } from './failures.js';
import { type GenerationRow, succeedWithImages, unsafeFindGeneration } from './generation.queries.js';
import type { ImageModeration } from './generation.schema.js';
import { generationView } from './to-view.js';

/** What one provider task gave: its result URLs (one, or a Midjourney grid's four), or why it failed. */
export type TaskOutcome = { ok: true; urls: string[] } | { ok: false; failure: Failure };

/** The most images one task may give (the catalog's `imagesPerTask` cap); positions of task i start at i × this when the model is unknown. */
export const MAX_IMAGES_PER_TASK = 4;

/** Image ids derive from (generation, position): a re-run overwrites the same files instead of orphaning new ones. */
export function imageIdFor(generationId: string, position: number): string {
  const h = createHash('sha256').update(`${generationId}:${position}`).digest('hex');
  // Shaped as an RFC 4122 version-5 UUID so it passes the same id validation as every other id.
  const variant = ((Number.parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Copies each finished result into our storage (without metadata, with a WebP
 * thumbnail), then marks the generation succeeded with its images in one
 * statement, in one transaction with the refund of any tasks that gave
 * nothing. The price is per task (`cost / count`): a task that gave at least
 * one image is paid for. All failed → failGeneration (a full refund).
 * Image i of task t sits at position t × imagesPerTask + i, so a re-run
 * writes the same files. Throws ProviderError (transient) when a download
 * should be retried.
 *
 * Every image is checked before it is recorded (checkResult): one held for
 * review (explicit for an account without the mature opt-in, a known image,
 * or the check failed: fail closed) is stored but never shown, and its case
 * joins the moderation queue in the same transaction as the images. An
 * explicit one the account may not see is refunded there too, at its share of
 * its task's price; the refund is keyed on the generation, so it happens once.
 * The user's webhooks get generation.succeeded in the same transaction.
 */
export async function completeGeneration(
  deps: Pick<
    GenerationContext,
    | 'db'
    | 'clock'
    | 'log'
    | 'provider'
    | 'storage'
    | 'images'
    | 'metrics'
    | 'ingestion'
    | 'imageModerator'
    | 'knownImages'
    | 'matureOf'
    | 'events'
    | 'modelNames'
  >,
  gen: GenerationRow,
  outcomes: TaskOutcome[],
  imagesPerTask = 1,
): Promise<void> {
  const started = performance.now();
  const stored: StoredImage[] = [];
  const failures: Failure[] = [];
  let emptyTasks = 0;
  let heldRefund = 0;
  const perTask = Math.floor(gen.cost / gen.count);
  // Read once, when the first image needs it: what this account may see now.
  let mature: Promise<boolean> | null = null;
  const matureNow = () => {
    mature ??= deps.matureOf(gen.userId);
    return mature;
  };
  for (const [task, outcome] of outcomes.entries()) {
    if (!outcome.ok) {
      failures.push(outcome.failure);
      emptyTasks++;
      continue;
    }
    let kept = 0;
    let refundable = 0;
    for (const [i, url] of outcome.urls.entries()) {
      // A few at a time per process: each holds a downloaded image and its decode in memory.
      const done = await deps.ingestion(() => ingest(deps, gen, task * imagesPerTask + i, url, matureNow));
      if ('reason' in done) failures.push(done);
      else {
        stored.push(done);
        kept++;
        if (done.refund) refundable++;
      }
    }
    if (kept === 0) emptyTasks++;
    // Held explicit images are not delivered: their share of the task's price goes back.
    else heldRefund += Math.floor((perTask * refundable) / outcome.urls.length);
  }
  const firstFailure = failures[0];
  if (stored.length === 0 && firstFailure) {
    await failGeneration(deps, { generationId: gen.id, failure: firstFailure });
    return;
  }
  const refund = perTask * emptyTasks + heldRefund;
  const now = deps.clock.now();
  const images = stored.map((s) => ({
    id: s.id,
    position: s.position,
    originalKey: s.original,
    thumbnailKey: s.thumb,
    previewKey: s.preview,
    contentType: s.contentType,
    width: s.width,
    height: s.height,
    bytes: s.bytes,
    moderation: s.moderation,
    sha256: s.sha256,
  }));
  const cases = stored
    .filter((s) => s.caseCategory !== null)
    .map((s) => ({
      userId: gen.userId,
      kind: 'image' as const,
      category: s.caseCategory!,
      imageId: s.id,
      generationId: gen.id,
      evidenceSha256: s.sha256,
      prompt: gen.prompt,
      negativePrompt: gen.negativePrompt,
      model: gen.modelId,
      scores: s.scores,
      now,
    }));
  const outcome = {
    refunded: refund,
    error: firstFailure ? { code: firstFailure.reason, message: firstFailure.message } : null,
  };
  // Nothing to refund, no case and no webhook listening: one statement, no transaction (the usual case).
  const listening = await deps.events.isListening(deps.db, gen.userId, 'generation.succeeded');
  // Read before the transaction: on PGlite (one connection) a read beside an open transaction would wait for it forever.
  const matureForEvent = listening ? await matureNow() : false;
  const done =
    refund === 0 && cases.length === 0 && !listening
      ? await succeedWithImages(deps.db, gen.id, now, images, outcome)
      : await deps.db.transaction(async (tx) => {
          if (!(await succeedWithImages(tx, gen.id, now, images, outcome))) return false;
          if (refund > 0) await refundGeneration(tx, { userId: gen.userId, generationId: gen.id, amount: refund });
          await queueImageCases(tx, cases);
          await deps.events.record(tx, {
            userId: gen.userId,
            type: 'generation.succeeded',
            data: async () => {
              const row = await unsafeFindGeneration(tx, gen.id);
              return generationView(tx, deps.modelNames, row!, matureForEvent);
            },
          });
          return true;
        });
  if (done) {
    deps.metrics.ingestionSeconds((performance.now() - started) / 1000);
    deps.metrics.finished(gen.provider, 'succeeded');
    await notifyLiveBestEffort(
      deps.db,
      deps.log,
      { userId: gen.userId, kind: 'generation', id: gen.id },
      { userId: gen.userId, kind: 'credits' },
    );
  }
  if (!done) {
    // Someone else settled it first; if it ended failed or canceled, our copies belong to nobody.
    const current = await unsafeFindGeneration(deps.db, gen.id);
    if (!current || current.status === 'failed' || current.status === 'canceled')
      await deps.storage.delete(stored.flatMap((s) => [s.original, s.thumb, s.preview]));
  }
}

interface StoredImage {
  position: number;
  id: string;
  original: string;
  thumb: string;
  preview: string;
  contentType: string;
  width: number;
  height: number;
  bytes: number;
  moderation: ImageModeration;
  sha256: string;
  /** Why it is held (its case), or null when it is shown. */
  caseCategory: CaseCategory | null;
  /** Held as explicit for an account without the opt-in: not delivered, so refunded. */
  refund: boolean;
  scores: Record<string, number> | null;
}

type Checked = Pick<StoredImage, 'moderation' | 'caseCategory' | 'refund' | 'scores'>;

/**
 * What the image check makes of one result for this account. Fail closed: a
 * check that throws or times out holds the image for review (not refunded:
 * an operator may release it). A known illegal image is held whatever the
 * account chose.
 */
async function checkResult(
  deps: Pick<GenerationContext, 'imageModerator' | 'knownImages' | 'log'>,
  bytes: Buffer,
  contentType: string,
  matureNow: () => Promise<boolean>,
): Promise<Checked> {
  try {
    if (await deps.knownImages.matches(bytes)) return { moderation: 'held', caseCategory: 'known_image', refund: false, scores: null };
    const verdict = await deps.imageModerator.classify(bytes, contentType);
    if (!verdict.explicit) return { moderation: 'clear', caseCategory: null, refund: false, scores: verdict.scores };
    if (await matureNow()) return { moderation: 'mature', caseCategory: null, refund: false, scores: verdict.scores };
    return { moderation: 'held', caseCategory: 'explicit_image', refund: true, scores: verdict.scores };
  } catch (err) {
    deps.log.warn({ err }, 'image check failed: the result is held for review');
    return { moderation: 'held', caseCategory: 'unchecked_image', refund: false, scores: null };
  }
}

/** Downloads one result, checks it (format, then content) and stores it without metadata, with its thumbnail; or says why not. */
async function ingest(
  deps: Pick<GenerationContext, 'provider' | 'storage' | 'images' | 'imageModerator' | 'knownImages' | 'log'>,
  gen: GenerationRow,
  position: number,
  url: string,
  matureNow: () => Promise<boolean>,
): Promise<StoredImage | Failure> {
  const result = await downloadOrFailure(deps, url);
  if ('reason' in result) return result;
  const image = await deps.images.ingestResult(result.bytes).catch(() => null);
  if (!image) return pipelineFailures.resultDamaged;
  const checked = await checkResult(deps, image.bytes, image.contentType, matureNow);
  const id = imageIdFor(gen.id, position);
  const original = storageKeys.original(gen.userId, gen.id, id, image.format);
  const thumb = storageKeys.thumbnail(gen.userId, gen.id, id);
  const preview = storageKeys.preview(gen.userId, gen.id, id);
  // The preview is made on first view (openPreview); its key is recorded now.
  await Promise.all([deps.storage.put(original, image.bytes, image.contentType), deps.storage.put(thumb, image.thumbnail, 'image/webp')]);
  return {
    position,
    id,
    original,
    thumb,
    preview,
    contentType: image.contentType,
    width: image.width,
    height: image.height,
    bytes: image.bytes.length,
    sha256: createHash('sha256').update(image.bytes).digest('hex'),
    ...checked,
  };
}

/** The result's bytes, or why this image failed; transient problems throw so the job retries. */
async function downloadOrFailure(deps: Pick<GenerationContext, 'provider'>, url: string): Promise<DownloadedImage | Failure> {
  try {
    return await deps.provider.downloadResult(url);
  } catch (err) {
    if (!(err instanceof ProviderError) || err.kind === 'transient') throw err;
    return { code: err.code, reason: err.reason, message: err.userMessage };
  }
}
