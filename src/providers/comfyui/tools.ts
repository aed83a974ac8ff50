import sharp from 'sharp';
import type { ImageTool } from '../../contracts/tools.js';
import { sourceWithMaskAsAlpha } from '../mask.js';
import { COMFY_TOOLS } from '../tools.js';
import type { CreateTaskInput, ReferenceImage } from '../types.js';
import { comfyError } from './errors.js';
import { toMultipleOf8 } from './request.js';
import type { TaskKind, Workflow, Workflows } from './workflow.js';

/**
 * The image tools as ComfyUI workflows (workflow.ts): img2img and variations
 * run the img2img template on the source, inpaint the inpaint template on the
 * source with our mask as its alpha, upscale the upscale template.
 */

/** Inpaint's denoise when the request gives no strength: enough to redraw, not to lose the colours underneath. */
export const INPAINT_DENOISE = 0.75;

const TEMPLATE_OF: Record<ImageTool, TaskKind | undefined> = {
  img2img: 'img2img',
  variations: 'img2img',
  inpaint: 'inpaint',
  upscale: 'upscale',
  edit: undefined,
  'remove-background': undefined,
  character: undefined,
};

/**
 * The tool a task asks for and its template, refused (permanent) when this
 * adapter cannot do it, the operator's folder lacks its template, or it has
 * no source (or, for inpaint, no mask).
 */
export function toolTaskOf(input: CreateTaskInput, workflows: Workflows): { tool: ImageTool; workflow: Workflow } | undefined {
  const tool = input.tool ?? 'text';
  if (tool === 'text') return undefined;
  const kind = TEMPLATE_OF[tool];
  if (!COMFY_TOOLS.includes(tool) || kind === undefined || kind === 'txt2img')
    throw comfyError('invalid_input', `the comfyui adapter does not do ${tool}`);
  const workflow = workflows[kind];
  if (!workflow) throw comfyError('invalid_input', `${tool} needs ${kind}.json in COMFYUI_WORKFLOWS_DIR`);
  if (!input.source) throw comfyError('invalid_input', `${tool} needs a source image`);
  if (tool === 'inpaint' && !input.mask) throw comfyError('invalid_input', 'inpaint needs a mask');
  return { tool, workflow };
}

async function sizeOf(image: ReferenceImage): Promise<{ width: number; height: number }> {
  const { width, height } = await sharp(image.bytes)
    .metadata()
    .catch(() => ({ width: undefined, height: undefined }));
  if (!width || !height) throw comfyError('invalid_input', `${image.name}: the source is not an image sharp can read`);
  return { width, height };
}

/**
 * What to upload and the values the template gets beyond the prompt and
 * sampling: img2img and inpaint draw at the source's size (each side rounded
 * to the multiple of 8 the latent needs); upscale's size is the source × the
 * factor, for a template that scales to a size rather than by the factor.
 */
export async function toolInputs(
  tool: ImageTool,
  input: CreateTaskInput & { source: ReferenceImage },
): Promise<{ upload: ReferenceImage; width: number; height: number; denoise?: number; factor?: number }> {
  const size = await sizeOf(input.source);
  if (tool === 'upscale') {
    const factor = input.factor ?? 2;
    if (factor !== 2 && factor !== 4) throw comfyError('invalid_input', `upscale by ${factor}: only 2 and 4 are offered`);
    return { upload: input.source, width: size.width * factor, height: size.height * factor, factor };
  }
  const drawAt = { width: toMultipleOf8(size.width), height: toMultipleOf8(size.height) };
  if (tool === 'inpaint' && input.mask) {
    // LoadImage's MASK is 1 − alpha: the source goes up transparent exactly where ours is white.
    const upload = await sourceWithMaskAsAlpha(input.source, input.mask);
    return { upload, ...drawAt, denoise: input.strength ?? INPAINT_DENOISE };
  }
  return { upload: input.source, ...drawAt, denoise: input.strength };
}

/** The tools a set of templates can do: an operator's folder without inpaint.json does no inpaint. */
export function toolsOfWorkflows(workflows: Workflows): ImageTool[] {
  return COMFY_TOOLS.filter((tool) => {
    const kind = TEMPLATE_OF[tool];
    return kind !== undefined && workflows[kind] !== undefined;
  });
}
