import { type ImageTool, imageTools } from '../contracts/tools.js';

/**
 * The image tools each kind of provider can do: config offers no others
 * (a default entry loses the rest; MODELS_JSON asking for one is refused).
 * KIE serves every tool through its Market models (kie/tool-models.ts); a
 * local checkpoint behind AUTOMATIC1111 or ComfyUI does the four that need
 * no special model (editing by instruction, background removal and character
 * do).
 */
export const A1111_TOOLS: readonly ImageTool[] = ['img2img', 'variations', 'inpaint', 'upscale'];
export const COMFY_TOOLS: readonly ImageTool[] = ['img2img', 'variations', 'inpaint', 'upscale'];

/** `kind` as config names providers: 'kie', 'simulator', 'a1111', 'comfyui'. */
export function toolsOfProvider(kind: string): readonly ImageTool[] {
  switch (kind) {
    case 'a1111':
      return A1111_TOOLS;
    case 'comfyui':
      return COMFY_TOOLS;
    default:
      return imageTools;
  }
}
