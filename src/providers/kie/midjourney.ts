import type { TaskState } from '../types.js';
import { dataRecord } from './envelope.js';
import { kieError } from './errors.js';
import { callKie, type KieHttpOptions } from './http.js';
import { isKnownSuccessFlag, midjourneyStateFromRecord } from './midjourney-record.js';

/**
 * KIE's Midjourney API: its own endpoints beside the Market's, the same
 * envelope and key. Ids here are KIE's own (without our `mj:` prefix).
 */

/**
 * KIE's `imageIndex` for the image at our 0-based grid position. KIE's schema
 * says 0–3 for both upscale and vary, but its vary example sends 1 and two
 * clients send vary 1-based. We follow the schema until a live contract test
 * (generateVary with imageIndex 0, then 4) says otherwise; setting the vary
 * base to 1 is then the whole fix.
 */
export const IMAGE_INDEX_BASE = { upscale: 0, vary: 0 } as const;

export type GridAction = keyof typeof IMAGE_INDEX_BASE;

const PATHS: Record<GridAction, string> = { upscale: '/api/v1/mj/generateUpscale', vary: '/api/v1/mj/generateVary' };

function taskIdOf(data: Record<string, unknown>, what: string): string {
  const taskId = data.taskId;
  if (typeof taskId !== 'string' || taskId === '') throw kieError('provider_unavailable', `${what}: no taskId in response`);
  return taskId;
}

/** POST /api/v1/mj/generate with a body from the model table; returns KIE's task id. */
export async function createMidjourneyTask(http: KieHttpOptions, baseUrl: string, body: Record<string, unknown>): Promise<string> {
  const envelope = await callKie(http, 'POST', `${baseUrl}/api/v1/mj/generate`, body);
  return taskIdOf(dataRecord(envelope, 'mj/generate'), 'mj/generate');
}

/** POST generateUpscale or generateVary for image `index` (0–3) of a finished grid; returns the new task's KIE id. */
export async function createMidjourneyGridTask(
  http: KieHttpOptions,
  baseUrl: string,
  input: { action: GridAction; taskId: string; index: number; callbackUrl?: string },
): Promise<string> {
  const body = {
    taskId: input.taskId,
    imageIndex: input.index + IMAGE_INDEX_BASE[input.action],
    ...(input.callbackUrl ? { callBackUrl: input.callbackUrl } : {}),
  };
  const envelope = await callKie(http, 'POST', `${baseUrl}${PATHS[input.action]}`, body);
  return taskIdOf(dataRecord(envelope, `mj/${input.action}`), `mj/${input.action}`);
}

/** GET /api/v1/mj/record-info; `unknownFlag` hears of a successFlag we do not know (read as pending). */
export async function readMidjourneyTask(
  http: KieHttpOptions,
  baseUrl: string,
  taskId: string,
  unknownFlag?: (flag: unknown) => void,
): Promise<TaskState> {
  const url = `${baseUrl}/api/v1/mj/record-info?taskId=${encodeURIComponent(taskId)}`;
  // Undocumented for this route; read as on the Market's recordInfo, where 422 means an unknown id.
  const envelope = await callKie(http, 'GET', url, undefined, { 422: 'task_not_found' });
  const data = dataRecord(envelope, 'mj/record-info');
  if (!isKnownSuccessFlag(data.successFlag)) unknownFlag?.(data.successFlag);
  return midjourneyStateFromRecord(data);
}
