import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import { type Behaviour, behaviourPatchSchema, defaultBehaviour } from './behaviour.js';
import { midjourneyGenerate, midjourneyGridAction, midjourneyRecordInfo } from './midjourney-routes.js';
import { envelope, html, plainJson, type Reply } from './reply.js';
import { createTask, recordInfo, type SimContext, type SimStats, serveFile, uploadFile } from './routes.js';
import { type Render, type SimLog, type SimTaskView, TaskStore } from './task-store.js';

export interface SimulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Time to finish a task; default 1500 ms. */
  delayMs?: number;
  /** When set, API calls must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** Sign callbacks as KIE does when a webhook HMAC key is set (X-Webhook-Timestamp/-Signature). */
  webhookHmacKey?: string;
  log?: SimLog;
  /** Draws a result image; default the placeholder. A benchmark passes a ready image so its CPU stays ours. */
  render?: Render;
}

export interface Simulator {
  /** API base, upload base and result host at once, e.g. http://127.0.0.1:40123 */
  url: string;
  close(): Promise<void>;
  setBehaviour(patch: Partial<Behaviour>): void;
  behaviour(): Behaviour;
  stats(): SimStats;
  tasks(): SimTaskView[];
}

const MAX_BODY_BYTES = 40 * 1024 * 1024;

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > MAX_BODY_BYTES) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Cloudflare's "error code: 1010" refuses requests by client signature. The
 * simulator stands in for that by refusing a missing User-Agent and the bare
 * defaults of Node's HTTP clients.
 */
function lacksUserAgent(userAgent: string | undefined): boolean {
  const ua = (userAgent ?? '').trim().toLowerCase();
  return ua === '' || ua === 'node' || ua === 'undici';
}

function control(ctx: SimContext, method: string, path: string, body: Buffer): Reply {
  if (method === 'GET' && path === '/_sim/stats') return plainJson(200, ctx.stats);
  if (method === 'GET' && path === '/_sim/behaviour') return plainJson(200, ctx.behaviour);
  if (method === 'POST' && path === '/_sim/behaviour') {
    let raw: unknown;
    try {
      raw = JSON.parse(body.toString('utf8'));
    } catch {
      raw = undefined;
    }
    const patch = behaviourPatchSchema.safeParse(raw);
    if (!patch.success) return plainJson(400, { error: patch.error.issues[0]?.message ?? 'invalid behaviour' });
    Object.assign(ctx.behaviour, patch.data);
    return plainJson(200, ctx.behaviour);
  }
  return plainJson(404, { error: 'unknown control' });
}

function route(ctx: SimContext, req: IncomingMessage, url: URL, body: Buffer, apiKey: string | undefined): Reply {
  const method = req.method ?? 'GET';
  if (method === 'GET' && url.pathname.startsWith('/files/'))
    return serveFile(ctx, decodeURIComponent(url.pathname.slice('/files/'.length)));
  // The real service reports a bad key as HTTP 200 with code 401 in the body.
  if (apiKey && req.headers.authorization !== `Bearer ${apiKey}`) return envelope(ctx.behaviour, 401, 'You do not have access permissions');
  if (method === 'POST' && url.pathname === '/api/v1/jobs/createTask') return createTask(ctx, body);
  if (method === 'GET' && url.pathname === '/api/v1/jobs/recordInfo') return recordInfo(ctx, url.searchParams.get('taskId'));
  if (method === 'POST' && url.pathname === '/api/v1/mj/generate') return midjourneyGenerate(ctx, body);
  if (method === 'GET' && url.pathname === '/api/v1/mj/record-info') return midjourneyRecordInfo(ctx, url.searchParams.get('taskId'));
  if (method === 'POST' && url.pathname === '/api/v1/mj/generateUpscale') return midjourneyGridAction(ctx, 'upscale', body);
  if (method === 'POST' && url.pathname === '/api/v1/mj/generateVary') return midjourneyGridAction(ctx, 'vary', body);
  if (method === 'POST' && url.pathname === '/api/file-stream-upload') return uploadFile(ctx, body, req.headers['content-type'] ?? '');
  return { ...envelope(ctx.behaviour, 404, 'Not found'), status: 404 };
}

/** Starts the KIE simulator on loopback. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const holds = new Set<NodeJS.Timeout>();
  const hold = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        holds.delete(timer);
        resolve();
      }, ms);
      holds.add(timer);
    });
  let ctx: SimContext | undefined;

  async function handle(req: IncomingMessage): Promise<Reply> {
    if (!ctx) return html(503, 'starting');
    const url = new URL(req.url ?? '/', ctx.url);
    const body = req.method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    if (url.pathname.startsWith('/_sim/')) return control(ctx, req.method ?? 'GET', url.pathname, body);
    if (lacksUserAgent(req.headers['user-agent'])) return html(403, 'error code: 1010');
    if (ctx.behaviour.hangMs > 0) await hold(ctx.behaviour.hangMs);
    if (ctx.behaviour.httpErrors > 0) {
      ctx.behaviour.httpErrors--;
      return html(503, '503 Service Temporarily Unavailable');
    }
    const reply = route(ctx, req, url, body, options.apiKey);
    if (ctx.behaviour.garbleNext > 0 && /^\/api\/v1\/(jobs|mj)\//.test(url.pathname)) {
      ctx.behaviour.garbleNext--;
      return { ...reply, body: String(reply.body).slice(0, 12) };
    }
    return reply;
  }

  function respond(req: IncomingMessage, res: ServerResponse): void {
    res.on('error', () => {}); // the client may have given up (timeouts are a feature here)
    handle(req)
      .catch((error: unknown): Reply => {
        if (error instanceof BodyTooLarge) return plainJson(413, { code: 413, msg: 'Payload too large' });
        options.log?.error({ err: error instanceof Error ? error.message : String(error) }, 'simulator request failed');
        return html(500, 'Internal Server Error');
      })
      .then((reply) => {
        if (res.destroyed) return;
        if (reply.stream) {
          res.writeHead(reply.status, { 'Content-Type': reply.contentType, ...reply.headers });
          pipeline(reply.stream(), res).catch(() => {}); // the client stops reading at its cap
          return;
        }
        res.writeHead(reply.status, {
          'Content-Type': reply.contentType,
          'Content-Length': Buffer.byteLength(reply.body),
          ...reply.headers,
        });
        res.end(reply.body);
      });
  }

  const server = createServer(respond);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const store = new TaskStore(url, options.log, options.webhookHmacKey, options.render);
  const state: SimContext = {
    url,
    behaviour: defaultBehaviour(options.delayMs ?? 1500),
    stats: { createTask: 0, recordInfo: 0, uploads: 0, downloads: 0 },
    store,
    recentCreates: [],
  };
  ctx = state;
  // Debug: the start-up banner already says demo images are on; the port is internal.
  options.log?.debug({ url }, 'KIE simulator listening');

  return {
    url,
    setBehaviour: (patch) => Object.assign(state.behaviour, behaviourPatchSchema.parse(patch)),
    behaviour: () => ({ ...state.behaviour }),
    stats: () => ({ ...state.stats }),
    tasks: () => store.list(),
    close: async () => {
      if (!server.listening) return;
      store.close();
      for (const timer of holds) clearTimeout(timer);
      holds.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
