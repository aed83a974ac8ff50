import { describe, expect, it } from 'vitest';
import { defaultNsfwThresholds, type NsfwScores, nsfwVerdict } from './nsfw-verdict.js';

const scores = (s: Partial<NsfwScores>): NsfwScores => ({ Drawing: 0, Hentai: 0, Neutral: 0, Porn: 0, Sexy: 0, ...s });

describe('nsfwVerdict (NSFWJS probabilities to our verdict)', () => {
  it('reads explicit from Porn and Hentai together, at the threshold', () => {
    expect(nsfwVerdict(scores({ Hentai: 0.3, Porn: 0.2, Drawing: 0.5 })).explicit).toBe(true);
    expect(nsfwVerdict(scores({ Hentai: 0.49, Drawing: 0.51 })).explicit).toBe(false);
    expect(nsfwVerdict(scores({ Porn: 0.9, Neutral: 0.1 })).explicit).toBe(true);
  });

  it('reads suggestive from Sexy, only when not explicit', () => {
    expect(nsfwVerdict(scores({ Sexy: 0.6, Drawing: 0.4 }))).toMatchObject({ explicit: false, suggestive: true });
    expect(nsfwVerdict(scores({ Sexy: 0.4, Hentai: 0.6 }))).toMatchObject({ explicit: true, suggestive: false });
  });

  it('reads a photo unless the drawn classes reach their threshold', () => {
    expect(nsfwVerdict(scores({ Neutral: 0.9, Drawing: 0.1 })).photographic).toBe(true);
    expect(nsfwVerdict(scores({ Neutral: 0.7, Drawing: 0.3 })).photographic).toBe(false);
    expect(nsfwVerdict(scores({ Hentai: 0.8, Porn: 0.2 })).photographic).toBe(false);
  });

  it('follows the configured thresholds and keeps the scores', () => {
    const s = scores({ Hentai: 0.35, Drawing: 0.65 });
    expect(nsfwVerdict(s).explicit).toBe(false);
    expect(nsfwVerdict(s, { ...defaultNsfwThresholds, explicit: 0.3 })).toMatchObject({ explicit: true, scores: s });
  });
});
