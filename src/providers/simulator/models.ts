/**
 * KIE's Market models as the simulator checks them: the input fields each
 * model requires, their allowed values, and its reference images. Written
 * from KIE's published schemas, apart from the adapter's own table, so a
 * field the adapter forgets or fills wrongly is refused here as KIE would
 * refuse it (KIE applies no defaults reliably: every field must be sent).
 */
/** A typed field: what KIE's schema says of it (integers, ranges, lengths, enums). */
type FieldRule =
  | { type: 'int' | 'number'; min: number; max: number }
  | { type: 'string'; maxLength: number }
  | { type: 'boolean' }
  /** One image as an http(s) URL (the tools' `image_url`, `mask_url`, Recraft's `image`). */
  | { type: 'url' };

interface SimModel {
  /** Fields that must be present, with their allowed values (null: any value). */
  fields: Record<string, readonly (string | number | boolean)[] | null>;
  /** Typed fields: required ones must be present; all are checked when present. */
  typed?: Record<string, FieldRule & { required?: boolean }>;
  references?: { field: string; max: number; required: boolean };
  maxPrompt?: number;
  /** False for models that read no prompt (upscale, background removal): one sent is refused. */
  prompt?: boolean;
}

const SEED: FieldRule = { type: 'int', min: 0, max: 2_147_483_647 };
const NAMED_SIZES = ['square', 'square_hd', 'portrait_4_3', 'portrait_16_9', 'landscape_4_3', 'landscape_16_9'];

const NANO_RATIOS = ['1:1', '9:16', '16:9', '3:4', '4:3', '3:2', '2:3', '5:4', '4:5', '21:9', 'auto'];
const NEXT_RATIOS = ['1:1', '2:3', '3:2', '3:4', '4:3', '4:5', '5:4', '9:16', '16:9', '21:9', 'auto'];
const RESOLUTIONS = ['1K', '2K', '4K'];
const SEEDREAM_45 = { aspect_ratio: ['1:1', '4:3', '3:4', '16:9', '9:16', '2:3', '3:2', '21:9'], quality: ['basic', 'high'] };
const SEEDREAM_V4 = {
  image_size: [
    'square',
    'square_hd',
    'portrait_4_3',
    'portrait_3_2',
    'portrait_16_9',
    'landscape_4_3',
    'landscape_3_2',
    'landscape_16_9',
    'landscape_21_9',
  ],
  image_resolution: RESOLUTIONS,
  max_images: [1, 2, 3, 4, 5, 6],
};
const GPT_IMAGE = { aspect_ratio: ['1:1', '2:3', '3:2'], quality: ['medium', 'high'] };

const MODELS: Record<string, SimModel> = {
  'google/nano-banana': { fields: { image_size: NANO_RATIOS, output_format: ['png', 'jpeg'] } },
  'google/nano-banana-edit': {
    fields: { image_size: NANO_RATIOS, output_format: ['png', 'jpeg'] },
    references: { field: 'image_urls', max: 10, required: true },
    maxPrompt: 5000,
  },
  'nano-banana-pro': {
    fields: { aspect_ratio: NEXT_RATIOS, resolution: RESOLUTIONS, output_format: ['png', 'jpg'] },
    references: { field: 'image_input', max: 8, required: false },
    maxPrompt: 10_000,
  },
  'nano-banana-2': {
    fields: { aspect_ratio: [...NEXT_RATIOS, '1:4', '4:1', '1:8', '8:1'], resolution: RESOLUTIONS, output_format: ['png', 'jpg'] },
    references: { field: 'image_input', max: 14, required: false },
    maxPrompt: 20_000,
  },
  'seedream/4.5-text-to-image': { fields: SEEDREAM_45, maxPrompt: 3000 },
  'seedream/4.5-edit': { fields: SEEDREAM_45, references: { field: 'image_urls', max: 14, required: true }, maxPrompt: 3000 },
  'bytedance/seedream-v4-text-to-image': { fields: SEEDREAM_V4, typed: { seed: SEED }, maxPrompt: 5000 },
  'bytedance/seedream-v4-edit': {
    fields: SEEDREAM_V4,
    typed: { seed: SEED },
    references: { field: 'image_urls', max: 10, required: true },
    maxPrompt: 5000,
  },
  'gpt-image/1.5-text-to-image': { fields: GPT_IMAGE },
  'gpt-image/1.5-image-to-image': { fields: GPT_IMAGE, references: { field: 'input_urls', max: 16, required: true } },
  'ideogram/v3-text-to-image': {
    fields: {
      image_size: NAMED_SIZES,
      rendering_speed: ['TURBO', 'BALANCED', 'QUALITY'],
      style: ['AUTO', 'GENERAL', 'REALISTIC', 'DESIGN'],
    },
    typed: { seed: SEED, negative_prompt: { type: 'string', maxLength: 5000 }, expand_prompt: { type: 'boolean' } },
    maxPrompt: 5000,
  },
  'qwen/text-to-image': {
    fields: { image_size: NAMED_SIZES, acceleration: ['none', 'regular', 'high'], output_format: ['png', 'jpeg'] },
    typed: {
      seed: SEED,
      negative_prompt: { type: 'string', maxLength: 500 },
      num_inference_steps: { type: 'int', min: 2, max: 250, required: true },
      guidance_scale: { type: 'number', min: 0, max: 20, required: true },
      enable_safety_checker: { type: 'boolean' },
    },
    maxPrompt: 5000,
  },
};

const URL: FieldRule & { required: true } = { type: 'url', required: true };
const IDEOGRAM_SPEED = ['TURBO', 'BALANCED', 'QUALITY'];
const QWEN_STEPS = (max: number): FieldRule & { required: true } => ({ type: 'int', min: 2, max, required: true });
const GUIDANCE: FieldRule & { required: true } = { type: 'number', min: 0, max: 20, required: true };
const NUM_IMAGES = ['1', '2', '3', '4'];

/** The image tools' models (kie-tools.md §2.1). */
const TOOL_MODELS: Record<string, SimModel> = {
  'topaz/image-upscale': { prompt: false, fields: { upscale_factor: ['1', '2', '4'] }, typed: { image_url: URL } },
  'recraft/remove-background': { prompt: false, fields: {}, typed: { image: URL } },
  'qwen/image-to-image': {
    fields: { acceleration: ['none', 'regular', 'high'], output_format: ['png', 'jpeg'] },
    typed: {
      image_url: URL,
      strength: { type: 'number', min: 0, max: 1 },
      seed: SEED,
      negative_prompt: { type: 'string', maxLength: 500 },
      num_inference_steps: QWEN_STEPS(250),
      guidance_scale: GUIDANCE,
      enable_safety_checker: { type: 'boolean' },
    },
    maxPrompt: 5000,
  },
  'qwen/image-edit': {
    fields: { image_size: NAMED_SIZES, acceleration: ['none', 'regular', 'high'], num_images: NUM_IMAGES },
    typed: {
      image_url: URL,
      seed: SEED,
      negative_prompt: { type: 'string', maxLength: 500 },
      num_inference_steps: QWEN_STEPS(49),
      guidance_scale: GUIDANCE,
    },
    maxPrompt: 2000,
  },
  'ideogram/v3-remix': {
    fields: {
      image_size: NAMED_SIZES,
      rendering_speed: IDEOGRAM_SPEED,
      style: ['AUTO', 'GENERAL', 'REALISTIC', 'DESIGN'],
      num_images: NUM_IMAGES,
    },
    typed: {
      image_url: URL,
      strength: { type: 'number', min: 0.01, max: 1 },
      seed: SEED,
      negative_prompt: { type: 'string', maxLength: 5000 },
      expand_prompt: { type: 'boolean' },
    },
    maxPrompt: 5000,
  },
  'ideogram/v3-edit': {
    fields: { rendering_speed: IDEOGRAM_SPEED },
    typed: { image_url: URL, mask_url: URL, seed: SEED, expand_prompt: { type: 'boolean' } },
    maxPrompt: 5000,
  },
  'ideogram/character': {
    fields: { image_size: NAMED_SIZES, rendering_speed: IDEOGRAM_SPEED, style: ['AUTO', 'REALISTIC', 'FICTION'], num_images: NUM_IMAGES },
    typed: { seed: SEED, negative_prompt: { type: 'string', maxLength: 5000 }, expand_prompt: { type: 'boolean' } },
    references: { field: 'reference_image_urls', max: 10, required: true },
    maxPrompt: 5000,
  },
};

function typedProblem(field: string, rule: FieldRule, value: unknown): string | undefined {
  switch (rule.type) {
    case 'url':
      return typeof value === 'string' && /^https?:\/\//.test(value) ? undefined : `${field} must be an http(s) URL`;
    case 'int':
    case 'number':
      if (typeof value !== 'number' || (rule.type === 'int' && !Number.isInteger(value)))
        return `${field} must be ${rule.type === 'int' ? 'an integer' : 'a number'}`;
      return value < rule.min || value > rule.max ? `${field} must be between ${rule.min} and ${rule.max}` : undefined;
    case 'string':
      if (typeof value !== 'string') return `${field} must be a string`;
      return value.length > rule.maxLength ? `${field} is longer than ${rule.maxLength} characters` : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${field} must be a boolean`;
  }
}

/**
 * A field the model has no use for. KIE's schemas do not say what it does with
 * one; refusing it here means the adapter can never send a setting (a negative
 * prompt, a seed) that the model would silently drop.
 */
function unknownField(spec: SimModel, input: Record<string, unknown>): string | undefined {
  const known = new Set([...(spec.prompt === false ? [] : ['prompt']), ...Object.keys(spec.fields), ...Object.keys(spec.typed ?? {})]);
  if (spec.references) known.add(spec.references.field);
  return Object.keys(input).find((field) => !known.has(field));
}

/** Why KIE would refuse this model and input (answered as code 422), or undefined. */
export function modelInputProblem(model: string, input: Record<string, unknown>): string | undefined {
  const spec = MODELS[model] ?? TOOL_MODELS[model];
  if (!spec) return `model ${model} is not supported`;
  if (spec.prompt === false) {
    if (input.prompt !== undefined) return `prompt is not a field of ${model}`;
  } else if (typeof input.prompt !== 'string' || input.prompt.trim() === '') return 'prompt is required';
  if (spec.maxPrompt && typeof input.prompt === 'string' && input.prompt.length > spec.maxPrompt)
    return `prompt is longer than ${spec.maxPrompt} characters`;
  for (const [field, allowed] of Object.entries(spec.fields)) {
    const value = input[field];
    if (value === undefined || value === null || value === '') return `${field} is required`;
    if (allowed && !allowed.includes(value as string | number)) return `${field} must be one of ${allowed.join(', ')}`;
  }
  for (const [field, rule] of Object.entries(spec.typed ?? {})) {
    const value = input[field];
    if (value === undefined) {
      if (rule.required) return `${field} is required`;
      continue;
    }
    const problem = typedProblem(field, rule, value);
    if (problem) return problem;
  }
  const stray = unknownField(spec, input);
  if (stray) return `${stray} is not a field of ${model}`;
  const refs = spec.references;
  const urls = refs ? input[refs.field] : undefined;
  if (refs && Array.isArray(urls)) {
    if (urls.length > refs.max) return `${refs.field} takes at most ${refs.max} URLs`;
    if (refs.required && urls.length === 0) return `${refs.field} is required`;
  } else if (refs?.required) return `${refs.field} is required`;
  return undefined;
}
