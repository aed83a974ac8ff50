import { USER_AGENT } from '../kie/index.js';
import { readBodyCapped } from '../read-capped.js';
import type { ReferenceImage } from '../types.js';
import { comfyError, errorForFetchFailure, errorForStatus } from './errors.js';

export interface ComfyHttp {
  /** Without a trailing slash, e.g. http://127.0.0.1:8188 or https://gpu.example/comfy */
  baseUrl: string;
  /** `Bearer …` for the authenticating proxy in front of ComfyUI (ComfyUI itself has no auth). */
  authorization?: string;
  /** JSON answers are small (object_info is the largest, ~1 MB with many custom nodes); images have their own cap. */
  maxJsonBytes: number;
  maxImageBytes: number;
  timeoutMs: number;
  fetch: typeof fetch;
}

function headersFor(http: ComfyHttp, accept: string): Record<string, string> {
  // No Origin header: ComfyUI refuses a loopback Host with a foreign Origin (its CSRF guard).
  const headers: Record<string, string> = { 'User-Agent': USER_AGENT, Accept: accept };
  if (http.authorization) headers.Authorization = http.authorization;
  return headers;
}

async function send(http: ComfyHttp, what: string, path: string, init: RequestInit, maxBytes: number) {
  try {
    const res = await http.fetch(`${http.baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(http.timeoutMs) });
    const body = await readBodyCapped(res, maxBytes, () =>
      comfyError('result_too_large', `${what}: response larger than ${maxBytes} bytes`),
    );
    return { status: res.status, body };
  } catch (error) {
    throw errorForFetchFailure(error, what);
  }
}

function parseJson(status: number, body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    // A reverse proxy's HTML page, or something that is not ComfyUI at all.
    throw comfyError('provider_unavailable', `${what}: HTTP ${status} with a body that is not JSON`);
  }
}

/** One JSON call to ComfyUI's HTTP API; every failure is a classified ProviderError (errors.ts). */
export async function callComfy(http: ComfyHttp, method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
  const what = `${method} ${path.split('?')[0]}`;
  const headers = headersFor(http, 'application/json');
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await send(
    http,
    what,
    path,
    { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
    http.maxJsonBytes,
  );
  if (res.status < 200 || res.status > 299) throw errorForStatus(res.status, res.body.toString('utf8'), what);
  return parseJson(res.status, res.body, what);
}

/** A JSON POST whose answer has no body worth reading (ComfyUI answers /queue and /interrupt with an empty 200). */
export async function postComfy(http: ComfyHttp, path: string, body: unknown): Promise<void> {
  const what = `POST ${path}`;
  const headers = { ...headersFor(http, 'application/json'), 'Content-Type': 'application/json' };
  const res = await send(http, what, path, { method: 'POST', headers, body: JSON.stringify(body) }, http.maxJsonBytes);
  if (res.status < 200 || res.status > 299) throw errorForStatus(res.status, res.body.toString('utf8'), what);
}

/**
 * POST /upload/image (multipart): stores the reference in ComfyUI's input folder
 * and returns the name to put into LoadImage. ComfyUI may rename on a clash
 * (`name (1).png`), so only the returned name is used.
 */
export async function uploadImage(http: ComfyHttp, image: ReferenceImage): Promise<string> {
  const what = 'POST /upload/image';
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(image.bytes)], { type: image.contentType }), image.name);
  form.append('type', 'input');
  // Never overwrite: two tasks may send different bytes under one name (the same source, two masks).
  // ComfyUI then stores the second as `name (1).png`, and only the returned name is used.
  form.append('overwrite', 'false');
  const res = await send(
    http,
    what,
    '/upload/image',
    { method: 'POST', headers: headersFor(http, 'application/json'), body: form },
    http.maxJsonBytes,
  );
  if (res.status >= 400 && res.status < 500 && res.status !== 401 && res.status !== 403 && res.status !== 408 && res.status !== 429) {
    throw comfyError('reference_refused', `${what}: HTTP ${res.status} ${res.body.toString('utf8').slice(0, 200)}`);
  }
  if (res.status < 200 || res.status > 299) throw errorForStatus(res.status, res.body.toString('utf8'), what);
  const name = (parseJson(res.status, res.body, what) as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || name === '') throw comfyError('provider_unavailable', `${what}: answer without a name`);
  return name;
}

/** GET of an image (a /view URL already checked to be this server's), capped at maxImageBytes. */
export async function fetchImage(http: ComfyHttp, path: string): Promise<Buffer> {
  const what = 'GET /view';
  const res = await send(
    http,
    what,
    path,
    { method: 'GET', headers: headersFor(http, 'image/png,image/jpeg,image/webp') },
    http.maxImageBytes,
  );
  if (res.status === 404) throw comfyError('result_missing', `${what}: HTTP 404 (the output file is gone from the server)`);
  if (res.status < 200 || res.status > 299) throw errorForStatus(res.status, res.body.toString('utf8'), what);
  return res.body;
}
