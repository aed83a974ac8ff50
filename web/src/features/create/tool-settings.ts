import type { ImageSettings } from './image-settings.js';
import { num, numeric, others, parseJson, ratioOfSize, str } from './settings-values.js';

/**
 * Readers for the JSON other tools write, each from the tool's own format
 * description; the text chunk (or EXIF field) each one lives in is named.
 */

type Settings = Omit<ImageSettings, 'source'>;

function sized(width: number | undefined, height: number | undefined): Partial<Settings> {
  return width && height ? { width, height, aspectRatio: ratioOfSize(width, height) } : {};
}

/** SwarmUI: `parameters` = JSON whose `sui_image_params` holds every parameter by id (`prompt`, `negativeprompt`, `cfgscale`…). */
export function swarmSettings(json: Record<string, unknown>): Settings | null {
  const p = json.sui_image_params as Record<string, unknown> | undefined;
  const prompt = str(p?.prompt);
  if (!p || prompt === undefined) return null;
  const negative = str(p.negativeprompt);
  return {
    prompt,
    ...(negative ? { negativePrompt: negative } : {}),
    ...(str(p.model) ? { model: str(p.model) } : {}),
    ...sized(num(p.width), num(p.height)),
    // SwarmUI names the ratio when it was picked from its list.
    ...(str(p.aspectratio) && /^\d+:\d+$/.test(str(p.aspectratio)!) ? { aspectRatio: str(p.aspectratio) } : {}),
    other: others(p, ['seed', 'steps', 'cfgscale', 'sampler', 'scheduler']),
  };
}

/**
 * Fooocus, its own scheme (`fooocus_scheme` = `fooocus`): `parameters` =
 * JSON with `prompt`, `negative_prompt`, `resolution` as the text "(w, h)",
 * `seed` as text, `steps`, `guidance_scale`, `sampler`, `base_model`, `styles`.
 */
export function fooocusSettings(json: Record<string, unknown>): Settings | null {
  const prompt = str(json.prompt);
  if (prompt === undefined) return null;
  const [, w, h] = /^\(\s*'?(\d+)'?\s*,\s*'?(\d+)'?\s*\)$/.exec(str(json.resolution) ?? '') ?? [];
  const negative = str(json.negative_prompt);
  const model = str(json.base_model);
  return {
    prompt,
    ...(negative ? { negativePrompt: negative } : {}),
    ...(model ? { model: model.replace(/\.safetensors$/, '') } : {}),
    ...sized(Number(w) || undefined, Number(h) || undefined),
    other: others(json, ['seed', 'steps', 'guidance_scale', 'sampler', 'scheduler', 'styles', 'performance']),
  };
}

/**
 * InvokeAI: `invokeai_metadata` = JSON with `positive_prompt`,
 * `negative_prompt`, `width`, `height`, `seed`, `steps`, `cfg_scale`,
 * `scheduler` and `model` (`name`, or `model_name` before 4.0). Before 3.0,
 * `sd-metadata` = JSON with `model_weights` and `image` (`prompt` as text or
 * as `[{prompt, weight}]`, `seed`, `steps`, `cfg_scale`, `sampler`, size).
 */
export function invokeSettings(texts: Record<string, string>): Settings | null {
  const meta = parseJson(texts.invokeai_metadata);
  if (meta) {
    const prompt = str(meta.positive_prompt);
    if (prompt === undefined) return null;
    const model = meta.model as Record<string, unknown> | undefined;
    const negative = str(meta.negative_prompt);
    const name = str(model?.name) ?? str(model?.model_name);
    return {
      prompt,
      ...(negative ? { negativePrompt: negative } : {}),
      ...(name ? { model: name } : {}),
      ...sized(num(meta.width), num(meta.height)),
      other: others(meta, ['seed', 'steps', 'cfg_scale', 'scheduler']),
    };
  }
  const legacy = parseJson(texts['sd-metadata']);
  const image = legacy?.image as Record<string, unknown> | undefined;
  if (!image) return texts.Dream ? dreamSettings(texts.Dream) : null;
  const prompts = Array.isArray(image.prompt)
    ? (image.prompt as { prompt?: unknown }[]).map((p) => str(p.prompt) ?? '')
    : [str(image.prompt) ?? ''];
  // The old syntax keeps the negative prompt in the prompt, in square brackets.
  const whole = prompts.join(' ').trim();
  const negatives = [...whole.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.trim()).filter(Boolean);
  const prompt = whole
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return {
    prompt,
    ...(negatives.length ? { negativePrompt: negatives.join(', ') } : {}),
    ...(str(legacy?.model_weights) ? { model: str(legacy?.model_weights) } : {}),
    ...sized(num(image.width), num(image.height)),
    other: others(image, ['seed', 'steps', 'cfg_scale', 'sampler']),
  };
}

/**
 * InvokeAI before 2.2: `Dream` = its command line, the prompt quoted (the
 * negative in square brackets inside it), then switches: `-s` steps, `-S`
 * seed, `-W`/`-H` size, `-C` CFG scale, `-A` sampler.
 */
function dreamSettings(line: string): Settings | null {
  const quoted = /^\s*"((?:\\.|[^"\\])*)"(.*)$/.exec(line);
  if (!quoted) return null;
  const whole = quoted[1]!.replace(/\\"/g, '"');
  const switches = Object.fromEntries([...quoted[2]!.matchAll(/-([a-zA-Z])\s+(\S+)/g)].map((m) => [m[1]!, m[2]!]));
  const negatives = [...whole.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!.trim()).filter(Boolean);
  const names: Record<string, string> = { s: 'steps', S: 'seed', C: 'cfg_scale', A: 'sampler' };
  return {
    prompt: whole
      .replace(/\[[^\]]*\]/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
    ...(negatives.length ? { negativePrompt: negatives.join(', ') } : {}),
    ...sized(Number(switches.W) || undefined, Number(switches.H) || undefined),
    other: Object.fromEntries(Object.entries(names).flatMap(([flag, name]) => (switches[flag] ? [[name, switches[flag]!]] : []))),
  };
}

/** NovelAI: `Description` (the prompt) and `Comment` JSON (`uc` = undesired content, `seed`, `steps`, `scale`, `sampler`, size); `Source` names the model. */
export function novelaiSettings(texts: Record<string, string>): Settings | null {
  const comment = parseJson(texts.Comment);
  const v4 = (comment?.v4_prompt as { caption?: { base_caption?: unknown } } | undefined)?.caption?.base_caption;
  const prompt = texts.Description ?? str(comment?.prompt) ?? str(v4) ?? '';
  if (!prompt) return null;
  const negative = str(comment?.uc);
  return {
    prompt,
    ...(negative ? { negativePrompt: negative } : {}),
    ...(texts.Source ? { model: texts.Source } : {}),
    ...sized(numeric(comment?.width), numeric(comment?.height)),
    other: others(comment ?? undefined, ['seed', 'steps', 'scale', 'sampler', 'noise_schedule', 'strength']),
  };
}
