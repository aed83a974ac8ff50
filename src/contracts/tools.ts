/**
 * The kinds of generation there are: `text` makes images from a prompt; the
 * others work on an image (a result in the gallery or an upload), which the
 * new generation links to as its source.
 */
export const generationTools = ['text', 'variations', 'img2img', 'edit', 'inpaint', 'upscale', 'remove-background', 'character'] as const;
export type GenerationTool = (typeof generationTools)[number];

/** The tools that work on a source image (every one but `text`). */
export const imageTools = generationTools.filter((t): t is Exclude<GenerationTool, 'text'> => t !== 'text');
export type ImageTool = (typeof imageTools)[number];

/** Tools that read a prompt: the rest (upscale, remove background) take none. */
export const promptTools: readonly GenerationTool[] = ['text', 'variations', 'img2img', 'edit', 'inpaint', 'character'];

/** Upscale factors on offer; ×4 costs twice ×2, as the providers price by output size. */
export const upscaleFactors = [2, 4] as const;
export type UpscaleFactor = (typeof upscaleFactors)[number];

/**
 * The mask AnimeGen's editor exports and `maskUploadId` carries: a PNG at the
 * source's size where WHITE marks what to change and BLACK what to keep (grey
 * is a feathered edge). Each provider adapter converts it to its own
 * convention; contract tests pin each.
 */
export const MASK_CONVENTION = 'white-changes' as const;
