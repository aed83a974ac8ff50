/**
 * The shape of one KIE model's entry in the adapter's tables (models.ts for
 * text models, tool-models.ts for the image tools) and the helpers both use.
 */
import type { ImageTool } from '../../contracts/tools.js';

export interface ModelRequest {
  prompt: string;
  /** Image tools: how far from the source (0 keeps it) and the upscale factor. */
  strength?: number;
  factor?: number;
  /** Inpaint: the mask's URL, already in this model's colour convention. */
  maskUrl?: string;
  negativePrompt?: string;
  aspectRatio: string;
  seed: number;
  steps?: number;
  guidance?: number;
  referenceUrls: string[];
}

export interface Bounds {
  min: number;
  max: number;
}

export interface ModelSpec {
  /** The ratios the model can make; checked against the catalog at boot. */
  aspectRatios: readonly string[];
  maxReferences: number;
  requiresReference: boolean;
  /** Only where KIE documents a limit; undefined means none is known. */
  maxPromptLength?: number;
  /** Longest negative prompt it takes; undefined: it takes none. */
  maxNegativePromptLength?: number;
  seed?: boolean;
  steps?: Bounds;
  guidance?: Bounds;
  /**
   * Which KIE API serves it: the Market jobs API (the default) or KIE's
   * Midjourney API, with its own endpoints, body and result shape.
   */
  api?: 'midjourney';
  /** Images one task returns; 1 unless stated (a Midjourney grid is four). */
  imagesPerTask?: number;
  /**
   * The image tools it serves (contracts/tools.ts); for these the source image
   * is the request's first reference URL. Unset: text only.
   */
  tools?: readonly ImageTool[];
  /** False for a model that reads no prompt (an upscaler); its input then has none. */
  prompt?: boolean;
  /** The model takes a mask, and which colour in it means "change" (kie-tools.md §2.2). */
  maskChanges?: 'black' | 'white';
  /** The `input` object, or for Midjourney the whole `generate` body (without the callback). */
  buildInput(request: ModelRequest): Record<string, unknown>;
}

/** Ideogram V3 and Qwen Image name their sizes; neither has 2:3 or 3:2 (kie-tools.md §2.1 (A)). */
export const NAMED_SIZES: Record<string, string> = {
  '1:1': 'square_hd',
  '3:4': 'portrait_4_3',
  '9:16': 'portrait_16_9',
  '4:3': 'landscape_4_3',
  '16:9': 'landscape_16_9',
};
export const namedSize = (aspect: string) => NAMED_SIZES[nearestAspect(aspect, Object.keys(NAMED_SIZES))] ?? 'square_hd';
/** KIE 500s on an empty negative_prompt for some models; leave the field out instead. */
export const negative = (r: ModelRequest) => (r.negativePrompt?.trim() ? { negative_prompt: r.negativePrompt } : {});

function ratioValue(aspect: string): number | undefined {
  const match = /^(\d+):(\d+)$/.exec(aspect);
  if (!match) return undefined;
  const value = Number(match[1]) / Number(match[2]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * The allowed ratio closest to `aspect` (compared on a log scale, so 1:2 and
 * 2:1 are equally far from 1:1). Config should only offer allowed ratios; this
 * keeps a stray one from becoming a 422.
 */
export function nearestAspect(aspect: string, allowed: readonly string[]): string {
  if (allowed.includes(aspect)) return aspect;
  const wanted = ratioValue(aspect) ?? 1;
  let best = allowed[0] ?? '1:1';
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of allowed) {
    const distance = Math.abs(Math.log((ratioValue(candidate) ?? 1) / wanted));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}
