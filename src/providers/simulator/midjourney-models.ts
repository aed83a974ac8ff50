/**
 * KIE's Midjourney API as the simulator checks it, written from KIE's
 * published schema for `generate`, `generateUpscale` and `generateVary`
 * (apart from the adapter's table, so a field the adapter gets wrong is
 * refused here as KIE would). Invalid parameters are answered with code 400,
 * the code KIE's Midjourney API documents for them (the Market uses 422).
 */

export const MJ_TASK_TYPES = ['mj_txt2img', 'mj_img2img', 'mj_style_reference', 'mj_omni_reference', 'mj_video', 'mj_video_hd'];
const MJ_SPEEDS = ['relaxed', 'fast', 'turbo'];
const MJ_RATIOS = ['1:2', '9:16', '2:3', '3:4', '5:6', '6:5', '4:3', '3:2', '1:1', '16:9', '2:1'];
const MJ_VERSIONS = ['7', '6.1', '6', '5.2', '5.1', 'niji6'];
export const MJ_MAX_PROMPT = 2000;

type Rule =
  | { type: 'enum'; values: readonly (string | number)[] }
  | { type: 'int'; min: number; max: number }
  | { type: 'string' }
  | { type: 'boolean' }
  | { type: 'urls' };

const RULES: Record<string, Rule> = {
  taskType: { type: 'enum', values: MJ_TASK_TYPES },
  prompt: { type: 'string' },
  speed: { type: 'enum', values: MJ_SPEEDS },
  aspectRatio: { type: 'enum', values: MJ_RATIOS },
  version: { type: 'enum', values: MJ_VERSIONS },
  stylization: { type: 'int', min: 0, max: 1000 },
  weirdness: { type: 'int', min: 0, max: 3000 },
  variety: { type: 'int', min: 0, max: 100 },
  ow: { type: 'int', min: 1, max: 1000 },
  fileUrls: { type: 'urls' },
  fileUrl: { type: 'string' },
  waterMark: { type: 'string' },
  enableTranslation: { type: 'boolean' },
  callBackUrl: { type: 'string' },
  videoBatchSize: { type: 'enum', values: [1, 2, 4] },
  motion: { type: 'enum', values: ['high', 'low'] },
};

const isHttpUrl = (u: unknown) => typeof u === 'string' && /^https?:\/\//.test(u);

function ruleProblem(field: string, rule: Rule, value: unknown): string | undefined {
  switch (rule.type) {
    case 'enum':
      return rule.values.includes(value as string | number) ? undefined : `${field} must be one of ${rule.values.join(', ')}`;
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return `${field} must be an integer`;
      return value < rule.min || value > rule.max ? `${field} must be between ${rule.min} and ${rule.max}` : undefined;
    case 'string':
      return typeof value === 'string' ? undefined : `${field} must be a string`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `${field} must be a boolean`;
    case 'urls':
      return Array.isArray(value) && value.every(isHttpUrl) ? undefined : `${field} must be a list of http(s) URLs`;
  }
}

/** What the task type needs beyond the fields' own rules. */
function taskTypeProblem(body: Record<string, unknown>): string | undefined {
  const type = body.taskType as string;
  const files = Array.isArray(body.fileUrls) ? body.fileUrls.length : isHttpUrl(body.fileUrl) ? 1 : 0;
  const video = type === 'mj_video' || type === 'mj_video_hd';
  if (type !== 'mj_txt2img' && files === 0) return `fileUrls is required for ${type}`;
  if (video && files !== 1) return `${type} takes exactly one file URL`;
  if (video && body.motion === undefined) return `motion is required for ${type}`;
  // The speed is not needed for video or omni reference (KIE's schema); the other types run at one.
  if (!video && type !== 'mj_omni_reference' && body.speed === undefined) return `speed is required for ${type}`;
  if (body.ow !== undefined && type !== 'mj_omni_reference') return 'ow is only for mj_omni_reference';
  return undefined;
}

/** Why KIE's Midjourney API would refuse this `generate` body (code 400), or undefined. */
export function midjourneyGenerateProblem(body: Record<string, unknown>): string | undefined {
  if (body.taskType === undefined) return 'taskType is required';
  if (typeof body.prompt !== 'string' || body.prompt.trim() === '') return 'prompt is required';
  if (body.prompt.length > MJ_MAX_PROMPT) return `prompt is longer than ${MJ_MAX_PROMPT} characters`;
  for (const [field, value] of Object.entries(body)) {
    const rule = RULES[field];
    // As for Market models, a field the schema lacks is refused: it would be dropped without a word.
    if (!rule) return `${field} is not a field of mj/generate`;
    const problem = ruleProblem(field, rule, value);
    if (problem) return problem;
  }
  return taskTypeProblem(body);
}

/** Why generateUpscale / generateVary would refuse this body (code 400), or undefined. `imageIndex` is 0–3 as KIE's schema says. */
export function midjourneyGridProblem(body: Record<string, unknown>): string | undefined {
  if (typeof body.taskId !== 'string' || body.taskId === '') return 'taskId is required';
  if (body.imageIndex === undefined) return 'imageIndex is required';
  const index = ruleProblem('imageIndex', { type: 'int', min: 0, max: 3 }, body.imageIndex);
  if (index) return index;
  for (const [field, value] of Object.entries(body)) {
    if (field === 'taskId' || field === 'imageIndex') continue;
    if (field !== 'waterMark' && field !== 'callBackUrl') return `${field} is not a field of this request`;
    if (typeof value !== 'string') return `${field} must be a string`;
  }
  return undefined;
}
