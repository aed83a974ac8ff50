import { createHash } from 'node:crypto';
import {
  ImageModerationUnavailable,
  type ImageModerator,
  type ImageVerdict,
  type KnownImageMatcher,
} from '../../src/image-moderation/index.js';

export type FakeVerdict = 'clear' | 'explicit' | 'suggestive' | 'photo' | 'down';

/**
 * The image check in tests: answers what the test set (`mode`), for every
 * image until changed, and counts what it was asked. 'down' throws as an
 * unreachable service does. Real classification is proven in the adapter's
 * own test.
 */
export function fakeImageModerator(initial: FakeVerdict = 'clear'): ImageModerator & { mode: FakeVerdict; calls: number } {
  const fake = {
    name: 'fake',
    mode: initial,
    calls: 0,
    classify: async (): Promise<ImageVerdict> => {
      fake.calls++;
      switch (fake.mode) {
        case 'down':
          throw new ImageModerationUnavailable('fake moderation is down');
        case 'explicit':
          return { explicit: true, suggestive: false, photographic: false, scores: { Hentai: 0.9 } };
        case 'suggestive':
          return { explicit: false, suggestive: true, photographic: false, scores: { Sexy: 0.8 } };
        case 'photo':
          return { explicit: false, suggestive: false, photographic: true, scores: { Neutral: 0.95 } };
        default:
          return { explicit: false, suggestive: false, photographic: false, scores: { Drawing: 0.9 } };
      }
    },
  };
  return fake;
}

/** A known-image list in tests: the sha256 of each listed image. */
export function fakeKnownImages(): KnownImageMatcher & { add(image: Buffer): void } {
  const hashes = new Set<string>();
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  return {
    name: 'fake list',
    add: (image) => hashes.add(sha(image)),
    matches: async (image) => hashes.has(sha(image)),
  };
}
