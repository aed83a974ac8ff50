/**
 * What a classifier says about one image. `explicit`: sexual content (an
 * account without the mature opt-in never sees it); `suggestive`: revealing
 * but not explicit (shown); `photographic`: a photo rather than a drawing
 * (a reference photo may not steer sexual content). `scores` are the
 * adapter's own numbers, kept for the operator, never shown to users.
 */
export interface ImageVerdict {
  explicit: boolean;
  suggestive: boolean;
  photographic: boolean;
  scores: Record<string, number>;
}

/** Classifies images before anyone sees them. One implementation per file, chosen by config (IMAGE_MODERATION). */
export interface ImageModerator {
  /** For logs and the start-up banner: 'local (NSFWJS)', 'OpenAI moderation', 'off'. */
  readonly name: string;
  /** Throws ImageModerationUnavailable when it cannot answer; callers fail closed (the image is held for review). */
  classify(image: Buffer, contentType: string): Promise<ImageVerdict>;
  close?(): Promise<void>;
}

/** The classifier could not answer (down, timed out, refused our key, gave a shape we do not know). Callers hold the image. */
export class ImageModerationUnavailable extends Error {
  override readonly name = 'ImageModerationUnavailable';
}

/**
 * Known illegal images (CSAM) by hash: a match is never stored or shown, and
 * the account is suspended for review. Production needs a real integration
 * (Microsoft PhotoDNA, NCMEC / IWF hash lists through their programmes); the
 * default matches nothing, and start-up says so. Tests use a fake.
 */
export interface KnownImageMatcher {
  readonly name: string;
  /** True when the image is on a list of known illegal images. */
  matches(image: Buffer): Promise<boolean>;
}
