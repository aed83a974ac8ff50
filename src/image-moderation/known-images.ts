import type { KnownImageMatcher } from './types.js';

/**
 * The default: matches nothing. Known-image matching needs a hash list this
 * project cannot ship (PhotoDNA, NCMEC or IWF lists are given to vetted
 * operators); plug one in behind KnownImageMatcher before serving the public.
 */
export const noKnownImageMatcher: KnownImageMatcher = {
  name: 'none (no known-image hash list configured)',
  matches: async () => false,
};
