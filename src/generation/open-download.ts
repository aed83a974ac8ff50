import { exifBlock } from '../lib/exif.js';
import { withExif } from '../lib/image-exif.js';
import { textChunk, withPngText } from '../lib/png-text.js';
import type { StoredFile } from '../storage/index.js';
import type { GenerationContext } from './context.js';
import type { ImageRow, MadeWith } from './generation.queries.js';

/**
 * A result's original as a download, with the settings that made it inside,
 * as A1111 and NovelAI users expect: A1111's "infotext" (which A1111, Forge,
 * Civitai and SwarmUI read back) and the same as our JSON. A PNG gets them as
 * `parameters` and `animegen` text chunks; a JPEG or WebP (some models return
 * those) as EXIF `UserComment` and `XPComment`, where A1111 writes them. Never
 * the account's id, name or e-mail. The stored file stays as it was stripped
 * at ingestion; the settings are added as the file streams out. Without the
 * generation (`null`: the account turned this off, `embedSettings`) the file
 * is sent as stored.
 */
export async function openDownload(
  deps: Pick<GenerationContext, 'storage' | 'modelNames'>,
  image: ImageRow,
  generation: MadeWith | null,
): Promise<StoredFile | null> {
  const file = await deps.storage.get(image.originalKey);
  const format = FORMATS[image.contentType];
  if (!file || !generation || !format) return file;
  const modelName = deps.modelNames.get(generation.modelId) ?? generation.modelId;
  const settings = downloadSettings(generation, image, modelName);
  const json = JSON.stringify(settings.json);
  const { stream, added } =
    format === 'png'
      ? await withPngText(file.stream, [textChunk('parameters', settings.infotext), textChunk('animegen', json)])
      : await withExif(file.stream, format, exifBlock({ userComment: settings.infotext, xpComment: json, software: 'AnimeGen' }));
  return { stream, size: file.size + added };
}

/** The name a download of this image gets, alone or in a ZIP: `animegen-<generation id's first 8>-<position from 1>.<ext>`. */
export function downloadFileName(image: Pick<ImageRow, 'generationId' | 'position' | 'contentType'>): string {
  const ext = image.contentType === 'image/jpeg' ? 'jpg' : image.contentType.split('/')[1];
  return `animegen-${image.generationId.slice(0, 8)}-${image.position + 1}.${ext}`;
}

const FORMATS: Record<string, 'png' | 'jpeg' | 'webp'> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/webp': 'webp' };

/** A1111 quotes a value holding a comma, a colon or a line break (JSON string syntax). */
const a1111Value = (v: string) => (/[,:\n]/.test(v) ? JSON.stringify(v) : v);

/**
 * The settings as infotext and JSON, with A1111's names for the sampling
 * settings. The seed is the one this image was asked with (each image of a
 * generation gets the generation's seed plus its position), and only for a
 * model that takes seeds (others store none): a seed the model ignored would
 * promise a repeat it cannot give.
 */
export function downloadSettings(g: MadeWith, image: Pick<ImageRow, 'width' | 'height' | 'position'>, modelName: string) {
  const seed = g.seed === null ? undefined : g.seed + image.position;
  const optional: [string, string | number | null | undefined][] = [
    ['Steps', g.steps],
    ['Sampler', g.sampler],
    ['CFG scale', g.guidance],
    ['Seed', seed],
    ['Denoising strength', g.strength],
  ];
  const params: [string, string][] = [
    ...optional
      .filter((p): p is [string, string | number] => p[1] !== null && p[1] !== undefined)
      .map(([k, v]): [string, string] => [k, String(v)]),
    ['Size', `${image.width}x${image.height}`],
    ['Model', modelName],
    ['Aspect ratio', g.aspectRatio],
  ];
  const infotext = [
    g.prompt,
    ...(g.negativePrompt ? [`Negative prompt: ${g.negativePrompt}`] : []),
    params.map(([k, v]) => `${k}: ${a1111Value(v)}`).join(', '),
  ].join('\n');
  const json = {
    v: 1,
    generator: 'AnimeGen',
    provider: g.provider,
    model: g.modelId,
    modelName,
    prompt: g.prompt,
    negative: g.negativePrompt ?? null,
    ...(seed === undefined ? {} : { seed }),
    ...(g.steps === null ? {} : { steps: g.steps }),
    ...(g.guidance === null ? {} : { guidance: g.guidance }),
    ...(g.strength === null ? {} : { strength: g.strength }),
    ...(g.sampler === null ? {} : { sampler: g.sampler }),
    aspectRatio: g.aspectRatio,
    size: { width: image.width, height: image.height },
    createdAt: g.createdAt.toISOString(),
  };
  return { infotext, json };
}
