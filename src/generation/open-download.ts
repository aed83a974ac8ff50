import { textChunk, withPngText } from '../lib/png-text.js';
import type { StoredFile } from '../storage/index.js';
import type { GenerationContext } from './context.js';
import { type GenerationRow, type ImageRow, unsafeFindGeneration } from './generation.queries.js';

/**
 * A result's original as a download, with the settings that made it inside,
 * as A1111 and NovelAI users expect: a PNG gets `parameters` (A1111's
 * "infotext", which A1111, Forge, Civitai and SwarmUI read back) and
 * `animegen` (the same as JSON). Never the account's id, name or e-mail. The
 * stored file stays as it was stripped at ingestion; the text is added as the
 * file streams out. Other formats, and every file of an account that turned
 * this off (`embedSettings`), are sent as stored.
 */
export async function openDownload(
  deps: Pick<GenerationContext, 'db' | 'storage' | 'modelNames'>,
  image: ImageRow,
  opts: { embedSettings: boolean },
): Promise<StoredFile | null> {
  const file = await deps.storage.get(image.originalKey);
  if (!file || !opts.embedSettings || image.contentType !== 'image/png') return file;
  const generation = await unsafeFindGeneration(deps.db, image.generationId);
  if (!generation) return file;
  const settings = downloadSettings(generation, image, deps.modelNames.get(generation.modelId) ?? generation.modelId);
  const { stream, added } = await withPngText(file.stream, [
    textChunk('parameters', settings.infotext),
    textChunk('animegen', JSON.stringify(settings.json)),
  ]);
  return { stream, size: file.size + added };
}

/** A1111 quotes a value holding a comma, a colon or a line break (JSON string syntax). */
const a1111Value = (v: string) => (/[,:\n]/.test(v) ? JSON.stringify(v) : v);

export function downloadSettings(g: GenerationRow, image: Pick<ImageRow, 'width' | 'height'>, modelName: string) {
  const params: [string, string][] = [
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
    aspectRatio: g.aspectRatio,
    size: { width: image.width, height: image.height },
    createdAt: g.createdAt.toISOString(),
  };
  return { infotext, json };
}
