import type { ImageVerdict } from './types.js';

/** NSFWJS's five classes; the probabilities sum to 1. */
export type NsfwScores = Record<'Drawing' | 'Hentai' | 'Neutral' | 'Porn' | 'Sexy', number>;

/**
 * Where the local classifier draws its lines (config: IMAGE_MODERATION_EXPLICIT,
 * IMAGE_MODERATION_SUGGESTIVE, IMAGE_MODERATION_PHOTO).
 * - explicit 0.5: Porn + Hentai together. The model splits explicit content
 *   between a drawn and a photographic class; anime results land mostly in
 *   Hentai, so either alone would under-count. At 0.5 the explicit reading is
 *   the more likely one; lower holds more for review (safer, more work).
 * - suggestive 0.5: Sexy.
 * - drawn 0.25: an image is photographic unless Drawing + Hentai (the drawn
 *   classes) reach this. Low on purpose: the model's Neutral class takes
 *   much that is drawn too (flat colours, line art score 0.1–0.4 Drawing),
 *   while photographs score near 0. Reading a drawing as a photo only refuses
 *   a sexual prompt with that upload: the safe side.
 */
export interface NsfwThresholds {
  explicit: number;
  suggestive: number;
  drawn: number;
}

export const defaultNsfwThresholds: NsfwThresholds = { explicit: 0.5, suggestive: 0.5, drawn: 0.25 };

/** Our verdict from NSFWJS's probabilities. Pure. */
export function nsfwVerdict(scores: NsfwScores, t: NsfwThresholds = defaultNsfwThresholds): ImageVerdict {
  const explicit = scores.Porn + scores.Hentai >= t.explicit;
  return {
    explicit,
    suggestive: !explicit && scores.Sexy >= t.suggestive,
    photographic: scores.Drawing + scores.Hentai < t.drawn,
    scores: { ...scores },
  };
}
