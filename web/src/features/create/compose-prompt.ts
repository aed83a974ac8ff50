import type { BuiltInPresets, Model, UndesiredLevel } from '../../api/contracts.js';

/**
 * What Create sends, composed here in the browser from the user's words and
 * the chosen presets, and shown under the prompt before it is sent: quality
 * tags, then the style's template around the prompt. The server stores
 * exactly this text (and keeps it in the prompt history), so a generation
 * says what the model was really asked.
 */

export interface PresetChoice {
  quality: boolean;
  style: string | null;
  undesired: UndesiredLevel;
}

export const noPresets: PresetChoice = { quality: false, style: null, undesired: 'none' };

/**
 * The model's family, which picks tags (SDXL checkpoints) or phrases
 * (natural-language models). The catalog states it as `family`; a catalog
 * without it falls back on the one thing that tells them apart today: only
 * the tag-based checkpoints take a negative prompt.
 */
export function familyOf(model: Pick<Model, 'supportsNegativePrompt'> & { family?: unknown }): string {
  if (typeof model.family === 'string' && model.family) return model.family;
  return model.supportsNegativePrompt ? 'sdxl' : 'natural';
}

/** Without the commas and spaces a part ends (or, once joined, begins) with, so joining never doubles them. */
const tidy = (s: string) => s.trim().replace(/^[,\s]+|[,\s]+$/g, '');
const join = (...parts: string[]) => parts.map(tidy).filter(Boolean).join(', ');

/** The prompt sent: quality tags (when on), then the style's template with `{prompt}` replaced (or after the prompt). */
export function composePrompt(prompt: string, family: string, choice: PresetChoice, presets: BuiltInPresets | undefined): string {
  const words = tidy(prompt);
  if (!presets) return prompt.trim();
  const texts = presets.families[family] ?? presets.families.natural;
  const style = choice.style ? presets.styles.find((s) => s.id === choice.style) : undefined;
  const template = style ? (style.templates[family] ?? style.templates.natural ?? '') : '';
  const styled = template.includes('{prompt}')
    ? template
        .split('{prompt}')
        .join(words)
        .replace(/(,\s*)+,/g, ',')
    : join(words, template);
  if (!choice.quality && !style) return prompt.trim();
  return join(choice.quality && texts ? texts.quality : '', styled);
}

/** The negative prompt sent: the undesired-content preset, then what the user wrote. Empty when neither says anything. */
export function composeNegative(negative: string, family: string, choice: PresetChoice, presets: BuiltInPresets | undefined): string {
  const texts = presets ? (presets.families[family] ?? presets.families.natural) : undefined;
  return join(texts ? texts.undesired[choice.undesired] : '', negative);
}
