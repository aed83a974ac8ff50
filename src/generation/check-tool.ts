import type { submitGenerationSchema } from '../contracts/api.js';
import { type ImageTool, promptTools } from '../contracts/tools.js';
import { AppError } from '../lib/errors.js';
import { type ModelConfig, type ResolvedTool, toolOf } from './catalog.js';
import type { GenerationContext } from './context.js';
import { findGridParent, findOwnedUploads, findSourceImage, type UploadRow } from './generation.queries.js';
import type { ReferenceRole } from './generation.schema.js';
import { gridSourceOf, usesGridSource } from './grid-source.js';

type Request = ReturnType<typeof submitGenerationSchema.parse>;

const invalid = (field: string, message: string) => new AppError('invalid_input', message, { field });

/** What users read a tool as, in messages. */
export const toolNames: Record<ImageTool, string> = {
  variations: 'variations',
  img2img: 'image to image',
  edit: 'edit',
  inpaint: 'inpaint',
  upscale: 'upscale',
  'remove-background': 'remove background',
  character: 'character reference',
};

/** Tools that give one image of a source and nothing to choose between: one run only. */
const singleRun: readonly ImageTool[] = ['upscale', 'remove-background'];

/** The fields only image tools take; a text generation naming one is refused, never ignored. */
const toolFields = ['sourceImageId', 'sourceUploadId', 'maskUploadId', 'factor'] as const;

export function refuseToolFields(req: Request): void {
  for (const field of toolFields) {
    if (req[field] !== undefined) throw invalid(field, `${field} is for the image tools: set "tool" too.`);
  }
}

/** A tool request, checked: the offer, its source, mask and factor, and the uploads it stores with their roles. */
export interface CheckedTool {
  offer: ResolvedTool;
  /** The prompt to send: the user's, or for variations of a result without one, that result's own. */
  prompt: string;
  aspectRatio: string;
  parentImageId: string | null;
  factor: number | null;
  uploads: { upload: UploadRow; role: ReferenceRole }[];
  /** The catalog entry as this tool uses it: its strength range, and no negative prompt where the tool's model takes none. */
  controlsModel: ModelConfig;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** The source's own shape as a ratio (832×1216 → 13:19); the adapters take the nearest their model makes. */
const ratioOf = (width: number, height: number) => `${width / gcd(width, height)}:${height / gcd(width, height)}`;

/**
 * Checks an image-tool request: the model offers the tool, the source is the
 * user's own visible image or upload, inpaint has a mask of the source's size,
 * upscale a factor on offer. Reads only. Throws invalid_input naming the field.
 */
export async function checkTool(
  deps: Pick<GenerationContext, 'db' | 'clock'>,
  input: { userId: string; mature: boolean; model: ModelConfig; req: Request & { tool: ImageTool }; forQuote?: boolean },
): Promise<CheckedTool> {
  const { model, req } = input;
  const tool = req.tool;
  const offer = toolOf(model, tool);
  if (!offer) throw invalid('tool', `${model.name} does not offer ${toolNames[tool]}.`);
  if (req.referenceUploadIds.length > 0)
    throw invalid('referenceUploadIds', 'An image tool works on one image: give it as sourceImageId or sourceUploadId.');
  if (singleRun.includes(tool) && req.count !== 1) throw invalid('count', `${toolNames[tool]} makes one image at a time.`);

  const source = await findSource(deps, input);
  if (usesGridSource(offer.providerModel, tool)) {
    // Midjourney works on its own grid task, not on a file: anything else is refused before any charge.
    const parent = source.imageId ? await findGridParent(deps.db, source.imageId) : null;
    const grid = gridSourceOf(parent, deps.clock.now());
    if ('problem' in grid) throw invalid('sourceImageId', grid.problem);
  }
  const uploads: CheckedTool['uploads'] = source.upload ? [{ upload: source.upload, role: 'source' }] : [];
  // The quote prices inpaint the same whatever is painted, so it needs no mask: the editor uploads one only to run.
  const maskless = input.forQuote && req.maskUploadId === undefined;
  if (tool === 'inpaint' && !maskless) {
    if (!req.maskUploadId) throw invalid('maskUploadId', 'Paint the area to change first.');
    const [mask] = await findOwnedUploads(deps.db, input.userId, [req.maskUploadId]);
    if (!mask) throw invalid('maskUploadId', 'The mask was not found. Paint it again.');
    if (mask.width !== source.width || mask.height !== source.height)
      throw invalid('maskUploadId', `The mask must be the image's size (${source.width}×${source.height}).`);
    uploads.push({ upload: mask, role: 'mask' });
  } else if (tool !== 'inpaint' && req.maskUploadId !== undefined) throw invalid('maskUploadId', 'Only inpaint takes a mask.');

  if (req.factor !== undefined && tool !== 'upscale') throw invalid('factor', 'Only upscale takes a factor.');
  const factor = tool === 'upscale' ? (req.factor ?? offer.factors[0] ?? 2) : null;
  if (factor !== null && !offer.factors.includes(factor))
    throw invalid('factor', `${model.name} upscales ${offer.factors.map((f) => `×${f}`).join(' or ')}.`);

  const prompt = req.prompt || (tool === 'variations' ? (source.prompt ?? '') : '');
  if (promptTools.includes(tool) && prompt === '') throw invalid('prompt', 'Write a prompt');
  if (!promptTools.includes(tool) && prompt !== '') throw invalid('prompt', `${toolNames[tool]} takes no prompt.`);

  // Only character makes a new scene in a shape of the user's choosing; the rest keep the source's.
  let aspectRatio = ratioOf(source.width, source.height);
  if (tool === 'character') {
    aspectRatio = req.aspectRatio ?? aspectRatio;
    if (req.aspectRatio && !model.aspectRatios.includes(req.aspectRatio))
      throw invalid('aspectRatio', `${model.name} supports the aspect ratios ${model.aspectRatios.join(', ')}.`);
  } else if (req.aspectRatio !== undefined) throw invalid('aspectRatio', `${toolNames[tool]} keeps the image's shape.`);

  const strengthTools: readonly ImageTool[] = ['img2img', 'variations'];
  const controlsModel: ModelConfig = {
    ...model,
    strength: strengthTools.includes(tool) ? offer.strength : undefined,
    supportsNegativePrompt: model.supportsNegativePrompt && offer.negativePrompt,
  };
  return { offer, prompt, aspectRatio, parentImageId: source.imageId, factor, uploads, controlsModel };
}

/** The one image the tool works on: a gallery image or an upload of the user's, never both. */
async function findSource(deps: Pick<GenerationContext, 'db'>, input: { userId: string; mature: boolean; req: Request }) {
  const { sourceImageId, sourceUploadId } = input.req;
  if (sourceImageId && sourceUploadId) throw invalid('sourceUploadId', 'Give one source image: sourceImageId or sourceUploadId.');
  if (sourceImageId) {
    const image = await findSourceImage(deps.db, input.userId, sourceImageId);
    // Held and removed images are never shown, so they cannot be worked on either; mature ones only while opted in.
    const visible = image && (image.moderation === 'clear' || (image.moderation === 'mature' && input.mature));
    if (!image || !visible) throw invalid('sourceImageId', 'That image was not found in your gallery.');
    return { imageId: image.id, upload: null, width: image.width, height: image.height, prompt: image.prompt };
  }
  if (sourceUploadId) {
    const [upload] = await findOwnedUploads(deps.db, input.userId, [sourceUploadId]);
    if (!upload) throw invalid('sourceUploadId', 'That upload was not found. Upload the image again.');
    return { imageId: null, upload, width: upload.width, height: upload.height, prompt: null };
  }
  throw invalid('sourceImageId', 'Choose the image to work on.');
}
