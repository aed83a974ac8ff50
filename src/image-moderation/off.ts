import type { ImageModerator } from './types.js';

/** IMAGE_MODERATION=off: every image is taken as safe. Only by explicit choice; start-up warns. */
export const offImageModerator: ImageModerator = {
  name: 'off',
  classify: async () => ({ explicit: false, suggestive: false, photographic: false, scores: {} }),
};
