/**
 * The graph side of the ComfyUI fake: the core node classes an SDXL graph
 * uses (input names, types and limits as in ComfyUI's nodes.py) and prompt
 * validation in the order, with the reason types and messages, of ComfyUI's
 * execution.py validate_prompt / validate_inputs.
 */

export type Graph = Record<string, { class_type?: unknown; inputs?: Record<string, unknown>; _meta?: { title?: string } }>;

type InputSpec = [string, Record<string, unknown>?] | [string[], Record<string, unknown>?];

export interface NodeDef {
  required: Record<string, InputSpec>;
  output: string[];
  outputNode?: boolean;
}

const SAMPLERS = ['euler', 'euler_ancestral', 'heun', 'dpm_2', 'dpmpp_2m', 'dpmpp_sde', 'dpmpp_2m_sde', 'ddim', 'uni_pc'];
const SCHEDULERS = ['normal', 'karras', 'exponential', 'sgm_uniform', 'simple', 'ddim_uniform', 'beta'];
const MAX_RESOLUTION = 16384;

/** The core node classes a plain SDXL graph uses, with the input names, types and limits of ComfyUI's nodes.py. */
export function nodeDefs(checkpoints: string[], inputFiles: string[]): Record<string, NodeDef> {
  return {
    CheckpointLoaderSimple: { required: { ckpt_name: [checkpoints] }, output: ['MODEL', 'CLIP', 'VAE'] },
    CLIPSetLastLayer: { required: { clip: ['CLIP'], stop_at_clip_layer: ['INT', { default: -1, min: -24, max: -1 }] }, output: ['CLIP'] },
    CLIPTextEncode: { required: { text: ['STRING', { multiline: true }], clip: ['CLIP'] }, output: ['CONDITIONING'] },
    EmptyLatentImage: {
      required: {
        width: ['INT', { default: 512, min: 16, max: MAX_RESOLUTION, step: 8 }],
        height: ['INT', { default: 512, min: 16, max: MAX_RESOLUTION, step: 8 }],
        batch_size: ['INT', { default: 1, min: 1, max: 4096 }],
      },
      output: ['LATENT'],
    },
    KSampler: {
      required: {
        model: ['MODEL'],
        // ComfyUI's max is 2^64 - 1, past what a JSON number holds exactly; 2^53 - 1 is as far as we can check.
        seed: ['INT', { default: 0, min: 0, max: Number.MAX_SAFE_INTEGER }],
        steps: ['INT', { default: 20, min: 1, max: 10000 }],
        cfg: ['FLOAT', { default: 8, min: 0, max: 100, step: 0.1 }],
        sampler_name: [SAMPLERS],
        scheduler: [SCHEDULERS],
        positive: ['CONDITIONING'],
        negative: ['CONDITIONING'],
        latent_image: ['LATENT'],
        denoise: ['FLOAT', { default: 1, min: 0, max: 1, step: 0.01 }],
      },
      output: ['LATENT'],
    },
    ImageScale: {
      required: {
        image: ['IMAGE'],
        upscale_method: [['nearest-exact', 'bilinear', 'area', 'bicubic', 'lanczos']],
        width: ['INT', { default: 512, min: 0, max: MAX_RESOLUTION, step: 1 }],
        height: ['INT', { default: 512, min: 0, max: MAX_RESOLUTION, step: 1 }],
        crop: [['disabled', 'center']],
      },
      output: ['IMAGE'],
    },
    ImageScaleBy: {
      required: {
        image: ['IMAGE'],
        upscale_method: [['nearest-exact', 'bilinear', 'area', 'bicubic', 'lanczos']],
        scale_by: ['FLOAT', { default: 1, min: 0.01, max: 8, step: 0.01 }],
      },
      output: ['IMAGE'],
    },
    SetLatentNoiseMask: { required: { samples: ['LATENT'], mask: ['MASK'] }, output: ['LATENT'] },
    VAEDecode: { required: { samples: ['LATENT'], vae: ['VAE'] }, output: ['IMAGE'] },
    VAEEncode: { required: { pixels: ['IMAGE'], vae: ['VAE'] }, output: ['LATENT'] },
    LoadImage: { required: { image: [inputFiles, { image_upload: true }] }, output: ['IMAGE', 'MASK'] },
    SaveImage: {
      required: { images: ['IMAGE'], filename_prefix: ['STRING', { default: 'ComfyUI' }] },
      output: [],
      outputNode: true,
    },
  };
}

interface Reason {
  type: string;
  message: string;
  details: string;
  extra_info: Record<string, unknown>;
}

export type Refusal = { error: Reason; node_errors: Record<string, unknown> };

export const reason = (type: string, message: string, details: string, extra_info: Record<string, unknown> = {}): Reason => ({
  type,
  message,
  details,
  extra_info,
});

/** One node's input check, in the order and with the reason types of ComfyUI's validate_inputs. */
function validateNode(graph: Graph, id: string, defs: Record<string, NodeDef>, memo: Map<string, Reason[] | 'upstream'>): boolean {
  const known = memo.get(id);
  if (known !== undefined) return known !== 'upstream' && known.length === 0;
  memo.set(id, []);
  const node = graph[id]!;
  const def = defs[String(node.class_type)]!;
  const inputs = node.inputs ?? {};
  const errors: Reason[] = [];
  let upstreamOk = true;
  for (const [name, spec] of Object.entries(def.required)) {
    const [type, limits] = spec;
    if (!(name in inputs)) {
      errors.push(reason('required_input_missing', 'Required input is missing', name, { input_name: name }));
      continue;
    }
    const value = inputs[name];
    if (Array.isArray(value)) {
      const [from, slot] = value as [unknown, unknown];
      const source = typeof from === 'string' ? graph[from] : undefined;
      if (value.length !== 2 || !source || typeof slot !== 'number') {
        errors.push(
          reason('bad_linked_input', 'Bad linked input, must be a length-2 list of [node_id, slot_index]', name, { input_name: name }),
        );
        continue;
      }
      const received = defs[String(source.class_type)]?.output[slot];
      if (received !== type) {
        errors.push(reason('return_type_mismatch', 'Return type mismatch between linked nodes', `${name}, ${received} != ${type}`));
        continue;
      }
      if (!validateNode(graph, from as string, defs, memo)) upstreamOk = false;
      continue;
    }
    if (Array.isArray(type)) {
      if (limits?.image_upload && !type.includes(value as string)) {
        // LoadImage checks the file itself (its VALIDATE_INPUTS), so the reason differs from a plain list.
        errors.push(
          reason('custom_validation_failed', 'Custom validation failed for node', `${name} - Invalid image file: ${String(value)}`, {
            input_name: name,
          }),
        );
      } else if (!type.includes(value as string)) {
        const list = type.length > 20 ? `(list of length ${type.length})` : `[${type.map((v) => `'${v}'`).join(', ')}]`;
        errors.push(
          reason('value_not_in_list', 'Value not in list', `${name}: '${String(value)}' not in ${list}`, {
            input_name: name,
            received_value: value,
          }),
        );
      }
      continue;
    }
    if (type === 'INT' || type === 'FLOAT') {
      const n = typeof value === 'number' ? value : Number(value);
      if (typeof value === 'boolean' || !Number.isFinite(n) || (type === 'INT' && !Number.isInteger(n))) {
        errors.push(
          reason('invalid_input_type', `Failed to convert an input value to a ${type} value`, `${name}, ${String(value)}`, {
            input_name: name,
          }),
        );
        continue;
      }
      const { min, max } = (limits ?? {}) as { min?: number; max?: number };
      if (min !== undefined && n < min)
        errors.push(reason('value_smaller_than_min', `Value ${n} smaller than min of ${min}`, name, { input_name: name }));
      else if (max !== undefined && n > max)
        errors.push(reason('value_bigger_than_max', `Value ${n} bigger than max of ${max}`, name, { input_name: name }));
    }
  }
  memo.set(id, errors.length > 0 ? errors : upstreamOk ? [] : 'upstream');
  return errors.length === 0 && upstreamOk;
}

/** ComfyUI's validate_prompt: the whole-graph checks first, then every output node's inputs, recursively. */
export function validatePrompt(graph: unknown, defs: Record<string, NodeDef>): { outputs: string[] } | Refusal {
  if (!graph || typeof graph !== 'object' || Array.isArray(graph)) {
    return { error: reason('no_prompt', 'No prompt provided', 'No prompt provided'), node_errors: {} };
  }
  const nodes = graph as Graph;
  for (const [id, node] of Object.entries(nodes)) {
    if (typeof node?.class_type !== 'string') {
      return {
        error: reason('invalid_prompt', 'Cannot execute because a node is missing the class_type property.', `Node ID '#${id}'`),
        node_errors: {},
      };
    }
    if (!defs[node.class_type]) {
      const title = node._meta?.title ?? node.class_type;
      return {
        error: reason('missing_node_type', `Node '${title}' not found. The custom node may not be installed.`, `Node ID '#${id}'`, {
          node_id: id,
          class_type: node.class_type,
          node_title: title,
        }),
        node_errors: {},
      };
    }
  }
  const outputs = Object.keys(nodes).filter((id) => defs[String(nodes[id]?.class_type)]?.outputNode);
  if (outputs.length === 0) return { error: reason('prompt_no_outputs', 'Prompt has no outputs', ''), node_errors: {} };
  const memo = new Map<string, Reason[] | 'upstream'>();
  const good = outputs.filter((id) => validateNode(nodes, id, defs, memo));
  if (good.length > 0) return { outputs: good };
  const node_errors: Record<string, { errors: Reason[]; dependent_outputs: string[]; class_type: string }> = {};
  for (const [id, result] of memo) {
    // Nodes failing only because of an upstream node are not listed, as in ComfyUI.
    if (result === 'upstream' || result.length === 0) continue;
    node_errors[id] = { errors: result, dependent_outputs: outputs, class_type: String(nodes[id]?.class_type) };
  }
  const details = Object.values(node_errors)
    .flatMap((n) => n.errors.map((e) => `${e.message}: ${e.details}`))
    .join('\n');
  return { error: reason('prompt_outputs_failed_validation', 'Prompt outputs failed validation', details), node_errors };
}
