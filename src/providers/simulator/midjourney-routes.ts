import { midjourneyGenerateProblem, midjourneyGridProblem } from './midjourney-models.js';
import { envelope, type Reply } from './reply.js';
import { creationRefusal, isRecord, parseJson, type SimContext } from './routes.js';

/**
 * KIE's Midjourney API: `generate` makes a grid of four images,
 * `generateUpscale` one larger image and `generateVary` four variations of
 * one image of a finished grid. Same envelope, key, rate limit and behaviour
 * switches as the Market routes; invalid parameters are code 400.
 */

const GRID_IMAGES = 4;

/** POST /api/v1/mj/generate */
export function midjourneyGenerate(ctx: SimContext, body: Buffer): Reply {
  const refused = creationRefusal(ctx);
  if (refused) return refused;
  const b = ctx.behaviour;
  const request = parseJson(body);
  if (!isRecord(request)) return envelope(b, 400, 'request body must be a JSON object');
  const problem = midjourneyGenerateProblem(request);
  if (problem) return envelope(b, 400, problem);
  // The simulator draws pictures, not videos.
  if (String(request.taskType).startsWith('mj_video')) return envelope(b, 505, `${request.taskType} is not available`);
  ctx.recentCreates.push(Date.now());
  const { callBackUrl, ...input } = request;
  const taskId = ctx.store.createMidjourney({
    taskType: String(request.taskType),
    input,
    param: JSON.stringify(request),
    images: GRID_IMAGES,
    delayMs: b.delayMs,
    callBackUrl: typeof callBackUrl === 'string' ? callBackUrl : undefined,
  });
  return envelope(b, 200, 'success', { taskId });
}

/** POST /api/v1/mj/generateUpscale or /generateVary: a new task from image `imageIndex` (0–3) of a finished grid. */
export function midjourneyGridAction(ctx: SimContext, action: 'upscale' | 'vary', body: Buffer): Reply {
  const refused = creationRefusal(ctx);
  if (refused) return refused;
  const b = ctx.behaviour;
  const request = parseJson(body);
  if (!isRecord(request)) return envelope(b, 400, 'request body must be a JSON object');
  const problem = midjourneyGridProblem(request);
  if (problem) return envelope(b, 400, problem);
  const source = ctx.store.midjourneySource(String(request.taskId));
  if (!source) return envelope(b, 422, 'record status is not success');
  const index = Number(request.imageIndex);
  if (index >= source.images) return envelope(b, 400, `imageIndex must be below ${source.images}`);
  ctx.recentCreates.push(Date.now());
  // A grid action carries no prompt of its own, so no [sim:fail]: failNextTasks is how a test makes one fail.
  const failing = b.failNextTasks > 0;
  if (failing) b.failNextTasks--;
  const taskId = ctx.store.createMidjourney({
    taskType: action === 'upscale' ? 'mj_upscale' : 'mj_vary',
    failing,
    input: source.input,
    param: JSON.stringify(request),
    images: action === 'upscale' ? 1 : GRID_IMAGES,
    // The chosen image's own picture for an upscale; a fresh set, away from the grid's, for variations.
    seed: action === 'upscale' ? source.seed + index : source.seed + GRID_IMAGES * (index + 1),
    delayMs: b.delayMs,
    callBackUrl: typeof request.callBackUrl === 'string' ? request.callBackUrl : undefined,
  });
  return envelope(b, 200, 'success', { taskId });
}

/** GET /api/v1/mj/record-info?taskId= */
export function midjourneyRecordInfo(ctx: SimContext, taskId: string | null): Reply {
  ctx.stats.recordInfo++;
  const record = taskId ? ctx.store.midjourneyRecord(taskId) : undefined;
  // Undocumented for this API; answered as the Market's recordInfo answers an unknown id.
  if (!record) return envelope(ctx.behaviour, 422, 'recordInfo is null');
  return envelope(ctx.behaviour, 200, 'success', record);
}
