import { Readable } from 'node:stream';
import type { Behaviour } from './behaviour.js';
import { HUGE_PREFIX } from './directives.js';
import { modelInputProblem } from './models.js';
import { parseMultipart } from './multipart.js';
import { envelope, type Reply } from './reply.js';
import type { TaskStore } from './task-store.js';

export interface SimStats {
  createTask: number;
  recordInfo: number;
  uploads: number;
  downloads: number;
}

export interface SimContext {
  url: string;
  behaviour: Behaviour;
  stats: SimStats;
  store: TaskStore;
  /** Start times of accepted createTask calls, for the 20-per-10-s window. */
  recentCreates: number[];
}

/** [sim:huge] results: a PNG signature and then 200 MB, made as it is read. */
const HUGE_BYTES = 200 * 1024 * 1024;

function hugeImage(total: number): Readable {
  const chunk = Buffer.alloc(64 * 1024);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(chunk);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) return void this.push(null);
      sent += chunk.length;
      this.push(chunk);
    },
  });
}

const RATE_LIMIT = 20;
const RATE_WINDOW_MS = 10_000;
const REFERENCE_FIELDS = ['image_urls', 'image_input', 'input_urls', 'reference_image_urls'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** KIE refuses over-limit requests outright; they are not queued. */
function overRateLimit(ctx: SimContext): boolean {
  const now = Date.now();
  while (ctx.recentCreates.length > 0 && (ctx.recentCreates[0] ?? 0) <= now - RATE_WINDOW_MS) ctx.recentCreates.shift();
  return ctx.behaviour.rateLimit && ctx.recentCreates.length >= RATE_LIMIT;
}

function inputProblem(model: string, input: Record<string, unknown>): string | undefined {
  for (const field of REFERENCE_FIELDS) {
    const urls = input[field];
    if (urls === undefined) continue;
    if (!Array.isArray(urls) || !urls.every((u) => typeof u === 'string' && /^https?:\/\//.test(u))) {
      return `${field} must be a list of http(s) URLs`;
    }
  }
  return modelInputProblem(model, input);
}

/**
 * Why a request that creates a task (on any of KIE's APIs) is refused before
 * its body is read: the rate limit and the behaviour switches. Counts it.
 */
export function creationRefusal(ctx: SimContext): Reply | undefined {
  ctx.stats.createTask++;
  const b = ctx.behaviour;
  if (overRateLimit(ctx)) return envelope(b, 429, 'The request frequency is too high. Please try again later.');
  if (b.throttleNextCreates > 0) {
    b.throttleNextCreates--;
    return envelope(b, 429, 'The request frequency is too high. Please try again later.');
  }
  if (b.outOfCredits) return envelope(b, 402, 'Credits insufficient. Please top up your account.');
  if (b.failNextCreates > 0) {
    b.failNextCreates--;
    return envelope(b, 500, 'Internal server error');
  }
  return undefined;
}

/** POST /api/v1/jobs/createTask */
export function createTask(ctx: SimContext, body: Buffer): Reply {
  const refused = creationRefusal(ctx);
  if (refused) return refused;
  const b = ctx.behaviour;
  const request = parseJson(body);
  if (!isRecord(request)) return envelope(b, 422, 'request body must be a JSON object');
  if (typeof request.model !== 'string' || request.model === '') return envelope(b, 422, 'model is required');
  if (!isRecord(request.input)) return envelope(b, 422, 'input is required');
  const problem = inputProblem(request.model, request.input);
  if (problem) return envelope(b, 422, problem);
  const callBackUrl = typeof request.callBackUrl === 'string' ? request.callBackUrl : undefined;
  ctx.recentCreates.push(Date.now());
  const failing = b.failNextTasks > 0;
  if (failing) b.failNextTasks--;
  const taskId = ctx.store.create(request.model, request.input, JSON.stringify(request), b.delayMs, callBackUrl, failing);
  return envelope(b, 200, 'success', { taskId });
}

/** GET /api/v1/jobs/recordInfo?taskId= */
export function recordInfo(ctx: SimContext, taskId: string | null): Reply {
  ctx.stats.recordInfo++;
  const record = taskId ? ctx.store.record(taskId) : undefined;
  // The real service answers an unknown id with 422, not 404.
  if (!record) return envelope(ctx.behaviour, 422, 'recordInfo is null');
  return envelope(ctx.behaviour, 200, 'success', record);
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

/** POST /api/file-stream-upload (multipart: file, uploadPath, fileName?) */
export function uploadFile(ctx: SimContext, body: Buffer, contentType: string): Reply {
  ctx.stats.uploads++;
  const b = ctx.behaviour;
  const parts = parseMultipart(body, contentType);
  const file = parts?.find((p) => p.name === 'file');
  const uploadPath = parts?.find((p) => p.name === 'uploadPath')?.data.toString('utf8');
  if (!file) return envelope(b, 400, 'file is required', null, { success: false });
  if (!uploadPath) return envelope(b, 400, 'uploadPath is required', null, { success: false });
  const fileName = parts?.find((p) => p.name === 'fileName')?.data.toString('utf8') || file.filename || 'upload';
  const mimeType = file.contentType ?? 'application/octet-stream';
  // As KIE's file host: the file lives under its path and name, so uploading a name again overwrites it.
  const stored = `${uploadPath}/${fileName.includes('.') ? fileName : `${fileName}.${EXTENSIONS[mimeType] ?? 'bin'}`}`;
  ctx.store.storeFile(stored, { bytes: Buffer.from(file.data), contentType: mimeType });
  const data = {
    fileName,
    filePath: `${uploadPath}/${fileName}`,
    downloadUrl: `${ctx.url}/files/${stored.split('/').map(encodeURIComponent).join('/')}`,
    fileSize: file.data.length,
    mimeType,
    uploadedAt: new Date().toISOString(),
  };
  return envelope(b, 200, 'File uploaded successfully', data, { success: true });
}

/** GET /files/<name>: results and uploads; no auth, like KIE's public file URLs. */
export function serveFile(ctx: SimContext, name: string): Reply {
  ctx.stats.downloads++;
  const to = ctx.behaviour.redirectResultsTo;
  if (to) return { status: 302, contentType: 'text/plain', body: '', headers: { Location: to } };
  if (name.startsWith(HUGE_PREFIX)) return { status: 200, contentType: 'image/png', body: '', stream: () => hugeImage(HUGE_BYTES) };
  const file = ctx.store.file(name);
  if (!file) return { status: 404, contentType: 'text/plain', body: 'Not found' };
  return { status: 200, contentType: file.contentType, body: file.bytes };
}
