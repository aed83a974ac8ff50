import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Graph, nodeDefs, reason, validatePrompt } from './comfyui-fake-graph.js';
import { createGraphRunner } from './comfyui-fake-render.js';

/**
 * A stand-in for a ComfyUI server, speaking the documented HTTP API AnimeGen
 * uses: POST /prompt (validated as the real server validates an API-format
 * graph, answering 400 `{error, node_errors}`), a queue that runs one prompt
 * at a time, /history, /queue, /view (real PNGs), /upload/image (multipart)
 * and /object_info for the core nodes an SDXL txt2img / img2img / inpaint /
 * upscale graph uses. Outputs are drawn by comfyui-fake-render.ts, derived
 * from the uploaded images.
 * Every route also answers under /api/, as the real one does. Like ComfyUI,
 * queue and history live in memory only.
 */

export interface ComfyFakeBehaviour {
  /** How long one prompt runs once it leaves the queue. */
  runMs: number;
  /** When set, the next prompts end in `execution_error` with this exception message (e.g. CUDA out of memory). */
  executionError: string | null;
  /** When set, every call answers this HTTP status (e.g. a proxy's 502), with a plain-text body. */
  failAllWith: number | null;
}

export interface ComfyFakeOptions {
  /** Files in models/checkpoints, listed by /object_info/CheckpointLoaderSimple. */
  checkpoints?: string[];
  /** Like an authenticating reverse proxy in front: every call needs `Authorization: Bearer <token>`, else 401. */
  token?: string;
  behaviour?: Partial<ComfyFakeBehaviour>;
}

export interface ComfyCall {
  method: string;
  path: string;
  authorization?: string;
  /** The parsed JSON body of a POST /prompt. */
  body?: Record<string, unknown>;
}

interface QueueItem {
  number: number;
  promptId: string;
  graph: Graph;
  extraData: Record<string, unknown>;
  outputNodes: string[];
}

export interface ComfyFake {
  url: string;
  calls: ComfyCall[];
  /** The graphs accepted by POST /prompt, in order. */
  prompts(): Graph[];
  /** Names uploaded through /upload/image. */
  uploads(): string[];
  behave(patch: Partial<ComfyFakeBehaviour>): void;
  close(): Promise<void>;
}

/** An input spec as /object_info gives it: a link type, a primitive with limits, or a list of allowed values. */
async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

export async function startComfyFake(options: ComfyFakeOptions = {}): Promise<ComfyFake> {
  const behaviour: ComfyFakeBehaviour = { runMs: 0, executionError: null, failAllWith: null, ...options.behaviour };
  const checkpoints = options.checkpoints ?? ['illustriousXL_v01.safetensors'];
  const calls: ComfyCall[] = [];
  const accepted: Graph[] = [];
  const inputFiles = new Map<string, Buffer>();
  const outputFiles = new Map<string, Buffer>();
  const pending: QueueItem[] = [];
  let running: QueueItem | null = null;
  /** Prompts POST /interrupt stopped while they ran. */
  const interrupted = new Set<string>();
  const history = new Map<string, unknown>();
  let counter = 0;
  let saved = 0;
  const defs = () => nodeDefs(checkpoints, [...inputFiles.keys()]);

  async function execute(item: QueueItem) {
    const started = ['execution_start', { prompt_id: item.promptId, timestamp: Date.now() }];
    const prompt = [item.number, item.promptId, item.graph, item.extraData, item.outputNodes];
    await new Promise((resolve) => setTimeout(resolve, behaviour.runMs));
    if (interrupted.has(item.promptId)) {
      const stopped = ['execution_interrupted', { prompt_id: item.promptId, node_id: '3', node_type: 'KSampler', executed: [] }];
      history.set(item.promptId, {
        prompt,
        outputs: {},
        status: { status_str: 'error', completed: false, messages: [started, stopped] },
        meta: {},
      });
      return;
    }
    if (behaviour.executionError) {
      const error = {
        prompt_id: item.promptId,
        node_id: '3',
        node_type: 'KSampler',
        executed: [],
        exception_message: behaviour.executionError,
        exception_type: 'torch.OutOfMemoryError',
        traceback: ['  File "execution.py", line 1, in execute\n'],
        current_inputs: {},
        current_outputs: {},
      };
      history.set(item.promptId, {
        prompt,
        outputs: {},
        status: { status_str: 'error', completed: false, messages: [started, ['execution_error', error]] },
        meta: {},
      });
      return;
    }
    const outputs: Record<string, unknown> = {};
    const output = createGraphRunner(item.graph, inputFiles);
    for (const id of item.outputNodes) {
      saved += 1;
      const prefix = String(item.graph[id]?.inputs?.filename_prefix ?? 'ComfyUI');
      const filename = `${prefix}_${String(saved).padStart(5, '0')}_.png`;
      outputFiles.set(filename, await output(id));
      outputs[id] = { images: [{ filename, subfolder: '', type: 'output' }] };
    }
    history.set(item.promptId, {
      prompt,
      outputs,
      status: {
        status_str: 'success',
        completed: true,
        messages: [started, ['execution_success', { prompt_id: item.promptId, timestamp: Date.now() }]],
      },
      meta: {},
    });
  }

  /** One prompt at a time, in queue order, as ComfyUI's single worker thread runs them. */
  function pump() {
    if (running) return;
    const next = pending.shift();
    if (!next) return;
    running = next;
    execute(next)
      .catch((error: unknown) =>
        history.set(next.promptId, {
          prompt: [],
          outputs: {},
          status: { status_str: 'error', completed: false, messages: [['execution_error', { exception_message: String(error) }]] },
        }),
      )
      .finally(() => {
        running = null;
        pump();
      });
  }

  const queueEntry = (q: QueueItem) => [q.number, q.promptId, q.graph, q.extraData, q.outputNodes];

  async function postPrompt(req: IncomingMessage, res: ServerResponse, call: ComfyCall) {
    let body: Record<string, unknown> | undefined;
    try {
      body = JSON.parse((await readBody(req)).toString('utf8')) as Record<string, unknown>;
    } catch {
      return send(res, 400, { error: reason('invalid_json', 'Invalid JSON', ''), node_errors: {} });
    }
    call.body = body;
    const result = validatePrompt(body?.prompt, defs());
    if ('error' in result) return send(res, 400, result);
    const item: QueueItem = {
      number: counter++,
      promptId: randomUUID(),
      graph: body.prompt as Graph,
      extraData: typeof body.client_id === 'string' ? { client_id: body.client_id } : {},
      outputNodes: result.outputs,
    };
    accepted.push(item.graph);
    pending.push(item);
    pump();
    send(res, 200, { prompt_id: item.promptId, number: item.number, node_errors: {} });
  }

  async function uploadImage(req: IncomingMessage, res: ServerResponse) {
    const form = await new Request('http://fake/upload', {
      method: 'POST',
      headers: { 'content-type': String(req.headers['content-type'] ?? '') },
      body: new Uint8Array(await readBody(req)),
    }).formData();
    const file = form.get('image');
    if (!(file instanceof Blob)) return send(res, 400, { error: 'no image' });
    const bytes = Buffer.from(await file.arrayBuffer());
    const original = ((file as File).name || 'image.png').split(/[\\/]/).pop() ?? 'image.png';
    const overwrite = ['true', '1'].includes(String(form.get('overwrite') ?? ''));
    // Without overwrite a clash gets " (n)" before the extension, unless the bytes are the same file.
    let name = original;
    for (let n = 1; !overwrite && inputFiles.has(name) && !inputFiles.get(name)?.equals(bytes); n++) {
      name = original.replace(/(\.[^.]*)?$/, (ext) => ` (${n})${ext}`);
    }
    inputFiles.set(name, bytes);
    send(res, 200, { name, subfolder: String(form.get('subfolder') ?? ''), type: String(form.get('type') ?? 'input') });
  }

  function view(url: URL, res: ServerResponse) {
    const filename = url.searchParams.get('filename') ?? '';
    const subfolder = url.searchParams.get('subfolder') ?? '';
    if (filename.includes('..') || subfolder.includes('..') || filename.startsWith('/')) return send(res, 403, {});
    const store = (url.searchParams.get('type') ?? 'output') === 'input' ? inputFiles : outputFiles;
    const bytes = subfolder === '' ? store.get(filename) : undefined;
    if (!bytes) return send(res, 404, {});
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': bytes.length });
    res.end(bytes);
  }

  function objectInfo(res: ServerResponse, only?: string) {
    const all = Object.fromEntries(
      Object.entries(defs()).map(([name, def]) => [
        name,
        {
          input: { required: def.required },
          input_order: { required: Object.keys(def.required) },
          output: def.output,
          output_is_list: def.output.map(() => false),
          output_name: def.output,
          name,
          display_name: name,
          category: 'fake',
          output_node: def.outputNode === true,
        },
      ]),
    );
    if (only === undefined) return send(res, 200, all);
    send(res, 200, only in all ? { [only]: all[only] } : {});
  }

  async function route(req: IncomingMessage, res: ServerResponse, call: ComfyCall) {
    if (behaviour.failAllWith) {
      res.writeHead(behaviour.failAllWith, { 'content-type': 'text/html' });
      return res.end('<html><body>Bad Gateway</body></html>');
    }
    if (options.token && req.headers.authorization !== `Bearer ${options.token}`) return send(res, 401, { error: 'unauthorized' });
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/api(?=\/)/, '');
    const method = req.method ?? 'GET';
    if (method === 'POST' && path === '/prompt') return postPrompt(req, res, call);
    if (method === 'GET' && path.startsWith('/history/')) {
      const id = decodeURIComponent(path.slice('/history/'.length));
      return send(res, 200, history.has(id) ? { [id]: history.get(id) } : {});
    }
    if (method === 'GET' && path === '/queue') {
      return send(res, 200, { queue_running: running ? [queueEntry(running)] : [], queue_pending: pending.map(queueEntry) });
    }
    if (method === 'POST' && path === '/queue') {
      // ComfyUI answers both with an empty 200.
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { delete?: string[]; clear?: boolean };
      for (const id of body.delete ?? []) {
        const at = pending.findIndex((q) => q.promptId === id);
        if (at >= 0) pending.splice(at, 1);
      }
      if (body.clear) pending.length = 0;
      res.writeHead(200);
      return res.end();
    }
    if (method === 'POST' && path === '/interrupt') {
      // With a prompt_id only that prompt is stopped; without one, whatever runs.
      const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as { prompt_id?: string };
      if (running && (body.prompt_id === undefined || body.prompt_id === running.promptId)) interrupted.add(running.promptId);
      res.writeHead(200);
      return res.end();
    }
    if (method === 'GET' && path === '/view') return view(url, res);
    if (method === 'POST' && path === '/upload/image') return uploadImage(req, res);
    if (method === 'GET' && path === '/object_info') return objectInfo(res);
    if (method === 'GET' && path.startsWith('/object_info/'))
      return objectInfo(res, decodeURIComponent(path.slice('/object_info/'.length)));
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404: Not Found');
  }

  const server = createServer((req, res) => {
    const call: ComfyCall = {
      method: req.method ?? 'GET',
      path: (req.url ?? '/').split('?')[0] ?? '/',
      authorization: req.headers.authorization,
    };
    calls.push(call);
    route(req, res, call).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    prompts: () => [...accepted],
    uploads: () => [...inputFiles.keys()],
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
