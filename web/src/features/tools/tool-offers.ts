import type { Model, SubmitGenerationInput } from '../../api/contracts.js';

/**
 * What the Tools screen offers and sends, from GET /api/models alone: a tool
 * is shown only when some model offers it, and each control only where the
 * chosen tool and model take it (the server refuses the rest with 422).
 */

export type ImageTool = Model['tools'][number]['tool'];
export type ToolOffer = Model['tools'][number];

/** The order tools are listed in; written out here as the web bundle takes no runtime code from src/. */
const toolOrder = {
  upscale: 0,
  'remove-background': 1,
  variations: 2,
  img2img: 3,
  edit: 4,
  inpaint: 5,
  character: 6,
} satisfies Record<ImageTool, number>;

/** Tools that read no prompt and make one image each (the server refuses prompt and count). */
const promptless: ReadonlySet<ImageTool> = new Set(['upscale', 'remove-background']);

export const takesPrompt = (tool: ImageTool) => !promptless.has(tool);
export const takesCount = (tool: ImageTool) => !promptless.has(tool);
/** Only character makes a new picture in a chosen shape; the others keep the source's. */
export const takesAspectRatio = (tool: ImageTool) => tool === 'character';
export const isImageTool = (value: string | null): value is ImageTool => value !== null && Object.hasOwn(toolOrder, value);

/** The union of the models' tools, in a fixed order. */
export function offeredTools(models: readonly Model[]): ImageTool[] {
  const offered = new Set(models.flatMap((m) => m.tools.map((o) => o.tool)));
  return [...offered].sort((a, b) => toolOrder[a] - toolOrder[b]);
}

/** Models offering `tool`, each with its offer. */
export function offersFor(models: readonly Model[], tool: ImageTool): { model: Model; offer: ToolOffer }[] {
  return models.flatMap((model) => {
    const offer = model.tools.find((o) => o.tool === tool);
    return offer ? [{ model, offer }] : [];
  });
}

export type ToolSource = { kind: 'image'; id: string } | { kind: 'upload'; id: string };

/** What the user has set on the form; fields a tool does not take are ignored by `toolBody`. */
export interface ToolDraft {
  prompt: string;
  negativePrompt: string;
  strength: number | null;
  factor: number | null;
  aspectRatio: string | null;
  count: number;
  /** Inpaint: something is painted (the mask itself is uploaded only when the tool is run). */
  masked: boolean;
}

/** The request body for this tool on this model: only the fields it takes. */
export function toolBody(tool: ImageTool, model: Model, offer: ToolOffer, source: ToolSource, draft: ToolDraft): SubmitGenerationInput {
  const body: SubmitGenerationInput = {
    tool,
    model: model.id,
    ...(source.kind === 'image' ? { sourceImageId: source.id } : { sourceUploadId: source.id }),
  };
  if (takesPrompt(tool)) body.prompt = draft.prompt;
  if (takesPrompt(tool) && model.supportsNegativePrompt && draft.negativePrompt.trim()) body.negativePrompt = draft.negativePrompt;
  if (offer.strength && draft.strength !== null) body.strength = draft.strength;
  if (tool === 'upscale') body.factor = (draft.factor ?? offer.factors[0] ?? 2) as 2 | 4;
  if (takesAspectRatio(tool)) body.aspectRatio = draft.aspectRatio ?? model.aspectRatios[0];
  if (takesCount(tool)) body.count = draft.count;
  return body;
}

/** Whether the body is worth quoting or sending: a prompt where one is read, a mask for inpaint. */
export function isComplete(tool: ImageTool, draft: ToolDraft): boolean {
  if (takesPrompt(tool) && tool !== 'variations' && !draft.prompt.trim()) return false;
  if (tool === 'inpaint' && !draft.masked) return false;
  return true;
}
