import type { ImageSettings } from './image-settings.js';
import { num, others, ratioOfSize, str } from './settings-values.js';

/**
 * ComfyUI: `prompt` = the graph as run (API format): node id → `{class_type,
 * inputs}`, where an input is a value or a link `[node id, output index]`.
 * The prompts are found the way ComfyUI found them: from the sampler's
 * `positive` and `negative` inputs, along the links, to the text-encode node
 * (through conditioning nodes in between, and to a text or primitive node when
 * the text itself is linked). The sampler gives seed, steps, CFG and sampler;
 * its `model` link leads (through LoRA loaders) to the checkpoint, its
 * `latent_image` link to the size.
 */

type Node = { class_type?: unknown; inputs?: Record<string, unknown> };
type Graph = Record<string, Node>;

const isLink = (v: unknown): v is [string | number, number] => Array.isArray(v) && v.length === 2 && typeof v[1] === 'number';
const MAX_DEPTH = 12;

/** The value at the end of a link (or the value itself): a primitive or text node's `value`, `text` or `string`. */
function linkedValue(graph: Graph, v: unknown, depth = 0): unknown {
  if (!isLink(v)) return v;
  if (depth > MAX_DEPTH) return undefined;
  const inputs = graph[String(v[0])]?.inputs ?? {};
  for (const key of ['value', 'text', 'string', 'seed', 'noise_seed']) if (key in inputs) return linkedValue(graph, inputs[key], depth + 1);
  return undefined;
}

/** The text of the encode node that the sampler's `side` input leads to. */
function textOf(graph: Graph, link: unknown, side: 'positive' | 'negative', depth = 0): string | undefined {
  if (!isLink(link) || depth > MAX_DEPTH) return undefined;
  const inputs = graph[String(link[0])]?.inputs ?? {};
  // CLIPTextEncode: `text`; the SDXL encoder: `text_g` and `text_l`.
  for (const key of ['text', 'text_g', 'prompt']) {
    const text = str(linkedValue(graph, inputs[key]));
    if (text !== undefined) return text;
  }
  // A node in between (conditioning combine, ControlNet apply…): follow its conditioning
  // inputs, and of a node that carries both sides, the same side.
  for (const [key, value] of Object.entries(inputs)) {
    if (!(/conditioning/i.test(key) || key === side)) continue;
    const text = textOf(graph, value, side, depth + 1);
    if (text !== undefined) return text;
  }
  return undefined;
}

/** Follows a link until a node has one of `keys`; returns that node's inputs. */
function upstream(graph: Graph, link: unknown, keys: string[], via: string, depth = 0): Record<string, unknown> | undefined {
  if (!isLink(link) || depth > MAX_DEPTH) return undefined;
  const inputs = graph[String(link[0])]?.inputs;
  if (!inputs) return undefined;
  if (keys.some((k) => k in inputs)) return inputs;
  return upstream(graph, inputs[via], keys, via, depth + 1);
}

export function comfySettings(text: string | undefined): Omit<ImageSettings, 'source'> | null {
  let graph: Graph;
  try {
    graph = JSON.parse(text ?? '') as Graph;
  } catch {
    return null;
  }
  if (!graph || typeof graph !== 'object') return null;
  // The samplers, in node order: the first is the base pass (a later one is usually a hires or refiner pass).
  const samplers = Object.keys(graph)
    .sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
    .map((id) => graph[id]!)
    .filter((n) => /sampler/i.test(String(n?.class_type)) && n.inputs && 'positive' in n.inputs);
  for (const sampler of samplers) {
    const inputs = sampler.inputs!;
    const prompt = textOf(graph, inputs.positive, 'positive');
    if (prompt === undefined) continue;
    const negative = textOf(graph, inputs.negative, 'negative');
    const checkpoint = upstream(graph, inputs.model, ['ckpt_name', 'unet_name'], 'model');
    const model = str(checkpoint?.ckpt_name) ?? str(checkpoint?.unet_name);
    const latent = upstream(graph, inputs.latent_image, ['width'], 'samples');
    const width = num(linkedValue(graph, latent?.width));
    const height = num(linkedValue(graph, latent?.height));
    const values = Object.fromEntries(
      ['seed', 'noise_seed', 'steps', 'cfg', 'sampler_name', 'scheduler', 'denoise'].map((k) => [k, linkedValue(graph, inputs[k])]),
    );
    return {
      prompt,
      ...(negative ? { negativePrompt: negative } : {}),
      ...(model ? { model: model.replace(/\.(safetensors|ckpt)$/, '') } : {}),
      ...(width && height ? { width, height, aspectRatio: ratioOfSize(width, height) } : {}),
      other: others(values, ['seed', 'noise_seed', 'steps', 'cfg', 'sampler_name', 'scheduler']),
    };
  }
  return null;
}
