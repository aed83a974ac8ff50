import { z } from 'zod';
import { type BuiltInPresets, familyPresetsSchema, type StylePreset } from '../contracts/prompts.js';

/**
 * The presets every user gets: quality tags and undesired-content texts per
 * model family, and the built-in styles. Operators replace any part with
 * PRESETS_JSON (read once in config.ts); these are the defaults.
 */

const sdxlUndesiredLight =
  'lowres, bad anatomy, bad hands, missing fingers, extra digits, worst quality, low quality, jpeg artifacts, watermark, signature';
const naturalUndesiredLight = 'blurry or low-quality rendering, distorted hands or faces, text, watermarks or signatures';

export const defaultFamilies: BuiltInPresets['families'] = {
  natural: {
    quality: 'A high-quality, finely detailed anime illustration',
    undesired: {
      heavy: `${naturalUndesiredLight}, extra or missing limbs, cropped or out-of-frame subjects, oversaturated colours, photorealism, 3D render look`,
      light: naturalUndesiredLight,
      none: '',
    },
  },
  sdxl: {
    quality: 'masterpiece, best quality, very aesthetic, absurdres, highres',
    undesired: {
      heavy: `${sdxlUndesiredLight}, normal quality, text, error, fewer digits, extra arms, extra legs, fused fingers, cropped, out of frame, username, blurry, artist name, deformed, disfigured, censored, 3d, realistic`,
      light: sdxlUndesiredLight,
      none: '',
    },
  },
};

const style = (id: string, en: string, ja: string, natural: string, sdxl: string): StylePreset => ({
  id,
  name: { en, ja },
  templates: { natural: `{prompt}, ${natural}`, sdxl: `{prompt}, ${sdxl}` },
});

export const defaultStyles: StylePreset[] = [
  style(
    'cel-shading',
    'Cel shading',
    'セル画風',
    'in a cel-shaded anime style with flat colours and crisp outlines',
    'cel shading, flat color, anime screencap, clean lineart',
  ),
  style(
    'watercolour',
    'Watercolour',
    '水彩',
    'painted in soft watercolour with gentle bleeding edges and paper texture',
    'watercolor (medium), traditional media, soft colors, paper texture',
  ),
  style(
    '90s-anime',
    '90s anime',
    '90年代アニメ',
    'in the style of a 1990s anime, hand-painted cels, muted film colours and grain',
    '1990s (style), retro artstyle, film grain, muted colors',
  ),
  style(
    'chibi',
    'Chibi',
    'ちびキャラ',
    'as a cute chibi character with a big head, small body and round eyes',
    'chibi, super deformed, cute, big head',
  ),
  style(
    'painterly',
    'Painterly',
    '厚塗り',
    'as a painterly illustration with visible brush strokes and rich lighting',
    'painterly, impasto, thick brush strokes, dramatic lighting',
  ),
  style(
    'line-art',
    'Line art',
    '線画',
    'as clean black-and-white line art with no colour or shading',
    'lineart, monochrome, greyscale, white background, no shading',
  ),
  style(
    'manga',
    'Manga panel',
    '漫画',
    'as a black-and-white manga panel with screentones and speed lines',
    'manga, monochrome, screentone, speed lines, comic',
  ),
  style(
    'pastel',
    'Pastel',
    'パステル',
    'in soft pastel colours with a dreamy, airy light',
    'pastel colors, soft lighting, dreamy, light particles',
  ),
  style(
    'cyberpunk',
    'Neon cyberpunk',
    'サイバーパンク',
    'in a neon-lit cyberpunk anime style with glowing signs and rain',
    'cyberpunk, neon lights, night, rain, glowing, science fiction',
  ),
  style(
    'pastoral-film',
    'Pastoral film',
    '田園アニメ映画',
    'like a warm pastoral anime film still with lush painted backgrounds',
    'scenery, lush greenery, painted background, warm lighting, film still',
  ),
  style('pixel-art', 'Pixel art', 'ドット絵', 'as retro pixel art with a limited palette', 'pixel art, 16-bit, limited palette, dithering'),
  style(
    'ukiyo-e',
    'Ukiyo-e',
    '浮世絵',
    'as a ukiyo-e woodblock print with flat colour areas and bold outlines',
    'ukiyo-e, woodblock print, traditional media, flat color, bold outlines',
  ),
  style(
    'visual-novel',
    'Visual novel',
    'ノベルゲーム',
    'as a visual-novel character sprite with soft shading on a plain background',
    'visual novel, game cg, soft shading, simple background',
  ),
  style(
    'sketch',
    'Pencil sketch',
    '鉛筆スケッチ',
    'as a rough pencil sketch with loose construction lines',
    'sketch, pencil (medium), rough lines, traditional media, monochrome',
  ),
];

export const defaultPresets: BuiltInPresets = { families: defaultFamilies, styles: defaultStyles };

const styleInputSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]{1,64}$/, 'use 1 to 64 lower-case letters, digits or hyphens'),
    /** One name for every language, or one per language. */
    name: z.union([z.string().min(1).max(60), z.object({ en: z.string().min(1).max(60), ja: z.string().min(1).max(60) }).strict()]),
    templates: z
      .object({ natural: z.string().max(1000) })
      .catchall(z.string().max(1000))
      .refine((t) => Object.values(t).every((v) => v.trim().length > 0), 'templates must not be empty'),
  })
  .strict();

const presetsInputSchema = z
  .object({
    /** Per family; a family given here replaces the default one (families not named keep theirs). */
    families: z.record(z.string().regex(/^[a-z0-9-]+$/), familyPresetsSchema.extend({ quality: z.string().max(1000) }).strict()).optional(),
    /** Replaces the built-in styles when given. */
    styles: z.array(styleInputSchema).max(100).optional(),
  })
  .strict();

/**
 * Parses PRESETS_JSON over the defaults. Throws an Error naming the first bad
 * field (its path), for config.ts to report at start-up.
 */
export function parsePresets(json: string | undefined, defaults: BuiltInPresets = defaultPresets): BuiltInPresets {
  if (!json) return defaults;
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new Error('not valid JSON');
  }
  const parsed = presetsInputSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid');
  }
  const styles = parsed.data.styles?.map((s) => ({
    id: s.id,
    name: typeof s.name === 'string' ? { en: s.name, ja: s.name } : s.name,
    templates: s.templates,
  }));
  const ids = new Set<string>();
  for (const s of styles ?? []) {
    if (ids.has(s.id)) throw new Error(`styles: the id "${s.id}" is used twice`);
    ids.add(s.id);
  }
  return { families: { ...defaults.families, ...parsed.data.families }, styles: styles ?? defaults.styles };
}
