import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import sharp from 'sharp';
import { extrasImage, img2imgImage, validationError } from './a1111-fake-tools.js';

/**
 * A stand-in for AUTOMATIC1111 stable-diffusion-webui started with `--api`,
 * speaking the subset AnimeGen uses: txt2img, img2img (with inpainting),
 * extra-single-image (upscale), progress and sd-models. Images are real PNGs,
 * deterministic from prompt and seed, sized from width/height; img2img and
 * Extras derive theirs from the input image (a1111-fake-tools.ts). Unlike the real webui it does NOT serialise generation
 * calls, so a test can see whether the adapter overlaps them.
 */

export interface A1111FakeBehaviour {
  /** How long a generation call blocks, as the GPU would. */
  delayMs: number;
  /** When set, generation calls answer this status and JSON body instead of an image. */
  failWith: { status: number; body: unknown } | null;
  /** `no-images`: `images: []`; `not-an-image`: base64 of text. */
  result: 'image' | 'no-images' | 'not-an-image';
}

export interface A1111FakeOptions {
  /** Like `--api-auth user:pass`: every /sdapi call needs this Basic auth. */
  auth?: { username: string; password: string };
  /** false: every /sdapi route answers FastAPI's 404 "Not Found", like a webui without `--api`. */
  api?: boolean;
  /** Checkpoint titles listed by sd-models, e.g. `animagine-xl-3.1.safetensors [e3c47aedb0]`. */
  checkpoints?: string[];
  behaviour?: Partial<A1111FakeBehaviour>;
}

export interface RecordedCall {
  method: string;
  path: string;
  /** The parsed JSON body, for POSTs. */
  body?: Record<string, unknown>;
  authorization?: string;
  startedAt: number;
  /** When the answer was sent. */
  finishedAt?: number;
}

export interface A1111Fake {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** Every call received, in arrival order. */
  calls: RecordedCall[];
  /** Only the txt2img / img2img / extra-single-image calls. */
  generations(): RecordedCall[];
  /** The most generation calls ever in flight at once. */
  maxInFlight(): number;
  behave(patch: Partial<A1111FakeBehaviour>): void;
  close(): Promise<void>;
}

const GENERATION_PATHS = ['/sdapi/v1/txt2img', '/sdapi/v1/img2img', '/sdapi/v1/extra-single-image'];

export const FAKE_SAMPLERS = ['Euler a', 'Euler', 'DPM++ 2M', 'DPM++ 2M Karras', 'DPM++ SDE'];

/** The sd-models item the webui lists for a title like `name.safetensors [hash]`. */
function checkpointItem(title: string) {
  const match = /^(.+?)(?: \[([0-9a-f]+)\])?$/.exec(title);
  const file = match?.[1] ?? title;
  return {
    title,
    model_name: file.replace(/\.[^.]+$/, ''),
    hash: match?.[2] ?? null,
    sha256: null,
    filename: `/webui/models/Stable-diffusion/${file}`,
    config: null,
  };
}

/** A PNG whose colours come from prompt and seed: equal inputs, equal bytes. */
export async function renderFakeImage(prompt: string, seed: number, width: number, height: number): Promise<Buffer> {
  const hash = createHash('sha256').update(`${prompt}\u0000${seed}`).digest();
  const [r = 0, g = 0, b = 0, x = 0, y = 0] = hash;
  const circle = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<circle cx="${Math.round((x / 255) * width)}" cy="${Math.round((y / 255) * height)}" r="${Math.round(Math.min(width, height) / 4)}" fill="#fff" fill-opacity="0.6"/></svg>`;
  return sharp({ create: { width, height, channels: 3, background: { r, g, b } } })
    .composite([{ input: Buffer.from(circle) }])
    .png()
    .toBuffer();
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Checks the fields the webui would refuse; returns the refusal or undefined. */
function refusalOf(body: Record<string, unknown> | undefined): { status: number; body: unknown } | undefined {
  if (!body || typeof body.prompt !== 'string') return validationError('prompt', 'field required');
  for (const side of ['width', 'height'] as const) {
    const value = body[side];
    if (typeof value !== 'number' || !Number.isInteger(value) || value % 8 !== 0) {
      return validationError(side, 'must be an integer multiple of 8');
    }
  }
  if (typeof body.sampler_name === 'string' && !FAKE_SAMPLERS.includes(body.sampler_name)) {
    return { status: 404, body: { detail: 'Sampler not found' } };
  }
  return undefined;
}

export async function startA1111Fake(options: A1111FakeOptions = {}): Promise<A1111Fake> {
  const behaviour: A1111FakeBehaviour = { delayMs: 0, failWith: null, result: 'image', ...options.behaviour };
  const expectedAuth = options.auth
    ? `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`
    : undefined;
  const calls: RecordedCall[] = [];
  const running = new Map<RecordedCall, number>();
  let maxInFlight = 0;

  /** The picture a call makes: an Answer when refused. */
  async function imageFor(path: string, body: Record<string, unknown>): Promise<{ status: number; body: unknown } | Buffer> {
    if (path.endsWith('/extra-single-image')) return extrasImage(body);
    const refusal = refusalOf(body);
    if (refusal) return refusal;
    if (path.endsWith('/img2img')) return img2imgImage(body);
    return renderFakeImage(String(body.prompt), Number(body.seed), Number(body.width), Number(body.height));
  }

  async function generate(call: RecordedCall, res: ServerResponse) {
    running.set(call, Date.now());
    maxInFlight = Math.max(maxInFlight, running.size);
    try {
      await sleep(behaviour.delayMs);
      if (behaviour.failWith) return send(res, behaviour.failWith.status, behaviour.failWith.body);
      const body = call.body ?? {};
      const made = await imageFor(call.path, body);
      if (!Buffer.isBuffer(made)) return send(res, made.status, made.body);
      const image = behaviour.result === 'not-an-image' ? Buffer.from('this is not an image').toString('base64') : made.toString('base64');
      // Extras answers one `image` (and html_info); txt2img and img2img a list with their parameters.
      if (call.path.endsWith('/extra-single-image'))
        return send(res, 200, { html_info: '<p>upscaled</p>', image: behaviour.result === 'no-images' ? '' : image });
      const images = behaviour.result === 'no-images' ? [] : [image];
      send(res, 200, { images, parameters: body, info: JSON.stringify({ seed: body.seed, width: body.width, height: body.height }) });
    } finally {
      running.delete(call);
    }
  }

  function progress(res: ServerResponse) {
    const startedAt = Math.min(...running.values());
    const fraction = running.size === 0 || behaviour.delayMs === 0 ? 0 : Math.min(0.99, (Date.now() - startedAt) / behaviour.delayMs);
    send(res, 200, { progress: fraction, eta_relative: 0, state: { job_count: running.size }, current_image: null, textinfo: null });
  }

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const call: RecordedCall = { method: req.method ?? 'GET', path, authorization: req.headers.authorization, startedAt: Date.now() };
    calls.push(call);
    res.on('finish', () => {
      call.finishedAt = Date.now();
    });
    void (async () => {
      call.body = req.method === 'POST' ? await readJson(req) : undefined;
      if (!path.startsWith('/sdapi/') || options.api === false) return send(res, 404, { detail: 'Not Found' });
      if (expectedAuth && req.headers.authorization !== expectedAuth) {
        return send(res, 401, { detail: 'Incorrect username or password' }, { 'www-authenticate': 'Basic' });
      }
      if (req.method === 'GET' && path === '/sdapi/v1/sd-models') return send(res, 200, (options.checkpoints ?? []).map(checkpointItem));
      if (req.method === 'GET' && path === '/sdapi/v1/progress') return progress(res);
      if (req.method === 'POST' && GENERATION_PATHS.includes(path)) return generate(call, res);
      send(res, 404, { detail: 'Not Found' });
    })().catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    generations: () => calls.filter((c) => GENERATION_PATHS.includes(c.path)),
    maxInFlight: () => maxInFlight,
    behave(patch) {
      Object.assign(behaviour, patch);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
