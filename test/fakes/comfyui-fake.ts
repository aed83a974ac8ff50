import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { renderFakeImage } from './a1111-fake.js';

/**
 * A stand-in for a ComfyUI server, speaking the documented HTTP API AnimeGen
 * uses: POST /prompt (validated as the real server validates an API-format
 * graph, answering 400 `{error, node_errors}`), a queue that runs one prompt
 * at a time, /history, /queue, /view (real PNGs), /upload/image (multipart)
 * and /object_info for the core nodes an SDXL txt2img / img2img graph uses.
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

type Graph = Record<string, { class_type?: unknown; inputs?: Record<string, unknown>; _meta?: { title?: string } }>;

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
type InputSpec = [string, Record<string, unknown>?] | [string[], Record<string, unknown>?];

interface NodeDef {
  required: Record<string, InputSpec>;
  output: string[];
  outputNode?: boolean;
}

const SAMPLERS = ['euler', 'euler_ancestral', 'heun', 'dpm_2', 'dpmpp_2m', 'dpmpp_sde', 'dpmpp_2m_sde', 'ddim', 'uni_pc'];
const SCHEDULERS = ['normal', 'karras', 'exponential', 'sgm_uniform', 'simple', 'ddim_uniform', 'beta'];
const MAX_RESOLUTION = 16384;

/** The core node classes a plain SDXL graph uses, with the input names, types and limits of ComfyUI's nodes.py. */
function nodeDefs(checkpoints: string[], inputFiles: string[]): Record<string, NodeDef> {
  return {
    CheckpointLoaderSimple: { required: { ckpt_name: [checkpoints] }, output: ['MODEL', 'CLIP', 'VAE'] },
    CLIPSetLastLayer: { required: { clip: ['CLIP'], stop_at_clip_layer: ['INT', { default: -1, min: -24, max: -1 }] }, output: ['CLIP'] },
    CLIPTextEncode: { required: { text: ['STRING', { multiline: true }], clip: ['CLIP'] }, output: ['CONDITIONING'] },
    EmptyLatentImage: {
      required: {
        width: ['INT', { default: 512, min: 16, max: MAX_RESOLUTION, step: 8 }],
        height: ['INT', { default: 512, min: 16, max: MAX_RESOLUTION, step: 8 }],
        batch_size: ['INT', { default: 1, min: 1, max: 4096 }],
      },
      output: ['LATENT'],
    },
    KSampler: {
      required: {
        model: ['MODEL'],
        // ComfyUI's max is 2^64 - 1, past what a JSON number holds exactly; 2^53 - 1 is as far as we can check.
        seed: ['INT', { default: 0, min: 0, max: Number.MAX_SAFE_INTEGER }],
        steps: ['INT', { default: 20, min: 1, max: 10000 }],
        cfg: ['FLOAT', { default: 8, min: 0, max: 100, step: 0.1 }],
        sampler_name: [SAMPLERS],
        scheduler: [SCHEDULERS],
        positive: ['CONDITIONING'],
        negative: ['CONDITIONING'],
        latent_image: ['LATENT'],
        denoise: ['FLOAT', { default: 1, min: 0, max: 1, step: 0.01 }],
      },
      output: ['LATENT'],
    },
    ImageScale: {
      required: {
        image: ['IMAGE'],
        upscale_method: [['nearest-exact', 'bilinear', 'area', 'bicubic', 'lanczos']],
        width: ['INT', { default: 512, min: 0, max: MAX_RESOLUTION, step: 1 }],
        height: ['INT', { default: 512, min: 0, max: MAX_RESOLUTION, step: 1 }],
        crop: [['disabled', 'center']],
      },
      output: ['IMAGE'],
    },
    VAEDecode: { required: { samples: ['LATENT'], vae: ['VAE'] }, output: ['IMAGE'] },
    VAEEncode: { required: { pixels: ['IMAGE'], vae: ['VAE'] }, output: ['LATENT'] },
    LoadImage: { required: { image: [inputFiles, { image_upload: true }] }, output: ['IMAGE', 'MASK'] },
    SaveImage: {
      required: { images: ['IMAGE'], filename_prefix: ['STRING', { default: 'ComfyUI' }] },
      output: [],
      outputNode: true,
    },
  };
}

interface Reason {
  type: string;
  message: string;
  details: string;
  extra_info: Record<string, unknown>;
}

type Refusal = { error: Reason; node_errors: Record<string, unknown> };

const reason = (type: string, message: string, details: string, extra_info: Record<string, unknown> = {}): Reason => ({
  type,
  message,
  details,
  extra_info,
});

/** One node's input check, in the order and with the reason types of ComfyUI's validate_inputs. */
function validateNode(graph: Graph, id: string, defs: Record<string, NodeDef>, memo: Map<string, Reason[] | 'upstream'>): boolean {
  const known = memo.get(id);
  if (known !== undefined) return known !== 'upstream' && known.length === 0;
  memo.set(id, []);
  const node = graph[id]!;
  const def = defs[String(node.class_type)]!;
  const inputs = node.inputs ?? {};
  const errors: Reason[] = [];
  let upstreamOk = true;
  for (const [name, spec] of Object.entries(def.required)) {
    const [type, limits] = spec;
    if (!(name in inputs)) {
      errors.push(reason('required_input_missing', 'Required input is missing', name, { input_name: name }));
      continue;
    }
    const value = inputs[name];
    if (Array.isArray(value)) {
      const [from, slot] = value as [unknown, unknown];
      const source = typeof from === 'string' ? graph[from] : undefined;
      if (value.length !== 2 || !source || typeof slot !== 'number') {
        errors.push(
          reason('bad_linked_input', 'Bad linked input, must be a length-2 list of [node_id, slot_index]', name, { input_name: name }),
        );
        continue;
      }
      const received = defs[String(source.class_type)]?.output[slot];
      if (received !== type) {
        errors.push(reason('return_type_mismatch', 'Return type mismatch between linked nodes', `${name}, ${received} != ${type}`));
        continue;
      }
      if (!validateNode(graph, from as string, defs, memo)) upstreamOk = false;
      continue;
    }
    if (Array.isArray(type)) {
      if (limits?.image_upload && !type.includes(value as string)) {
        // LoadImage checks the file itself (its VALIDATE_INPUTS), so the reason differs from a plain list.
        errors.push(
          reason('custom_validation_failed', 'Custom validation failed for node', `${name} - Invalid image file: ${String(value)}`, {
            input_name: name,
          }),
        );
      } else if (!type.includes(value as string)) {
        const list = type.length > 20 ? `(list of length ${type.length})` : `[${type.map((v) => `'${v}'`).join(', ')}]`;
        errors.push(
          reason('value_not_in_list', 'Value not in list', `${name}: '${String(value)}' not in ${list}`, {
            input_name: name,
            received_value: value,
          }),
        );
      }
      continue;
    }
    if (type === 'INT' || type === 'FLOAT') {
      const n = typeof value === 'number' ? value : Number(value);
      if (typeof value === 'boolean' || !Number.isFinite(n) || (type === 'INT' && !Number.isInteger(n))) {
        errors.push(
          reason('invalid_input_type', `Failed to convert an input value to a ${type} value`, `${name}, ${String(value)}`, {
            input_name: name,
          }),
        );
        continue;
      }
      const { min, max } = (limits ?? {}) as { min?: number; max?: number };
      if (min !== undefined && n < min)
        errors.push(reason('value_smaller_than_min', `Value ${n} smaller than min of ${min}`, name, { input_name: name }));
      else if (max !== undefined && n > max)
        errors.push(reason('value_bigger_than_max', `Value ${n} bigger than max of ${max}`, name, { input_name: name }));
    }
  }
  memo.set(id, errors.length > 0 ? errors : upstreamOk ? [] : 'upstream');
  return errors.length === 0 && upstreamOk;
}

/** ComfyUI's validate_prompt: the whole-graph checks first, then every output node's inputs, recursively. */
function validatePrompt(graph: unknown, defs: Record<string, NodeDef>): { outputs: string[] } | Refusal {
  if (!graph || typeof graph !== 'object' || Array.isArray(graph)) {
    return { error: reason('no_prompt', 'No prompt provided', 'No prompt provided'), node_errors: {} };
  }
  const nodes = graph as Graph;
  for (const [id, node] of Object.entries(nodes)) {
    if (typeof node?.class_type !== 'string') {
      return {
        error: reason('invalid_prompt', 'Cannot execute because a node is missing the class_type property.', `Node ID '#${id}'`),
        node_errors: {},
      };
    }
    if (!defs[node.class_type]) {
      const title = node._meta?.title ?? node.class_type;
      return {
        error: reason('missing_node_type', `Node '${title}' not found. The custom node may not be installed.`, `Node ID '#${id}'`, {
          node_id: id,
          class_type: node.class_type,
          node_title: title,
        }),
        node_errors: {},
      };
    }
  }
  const outputs = Object.keys(nodes).filter((id) => defs[String(nodes[id]?.class_type)]?.outputNode);
  if (outputs.length === 0) return { error: reason('prompt_no_outputs', 'Prompt has no outputs', ''), node_errors: {} };
  const memo = new Map<string, Reason[] | 'upstream'>();
  const good = outputs.filter((id) => validateNode(nodes, id, defs, memo));
  if (good.length > 0) return { outputs: good };
  const node_errors: Record<string, { errors: Reason[]; dependent_outputs: string[]; class_type: string }> = {};
  for (const [id, result] of memo) {
    // Nodes failing only because of an upstream node are not listed, as in ComfyUI.
    if (result === 'upstream' || result.length === 0) continue;
    node_errors[id] = { errors: result, dependent_outputs: outputs, class_type: String(nodes[id]?.class_type) };
  }
  const details = Object.values(node_errors)
    .flatMap((n) => n.errors.map((e) => `${e.message}: ${e.details}`))
    .join('\n');
  return { error: reason('prompt_outputs_failed_validation', 'Prompt outputs failed validation', details), node_errors };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Follows a link input to the node it names. */
const linked = (graph: Graph, value: unknown) => (Array.isArray(value) && typeof value[0] === 'string' ? graph[value[0]] : undefined);

export async function startComfyFake(options: ComfyFakeOptions = {}): Promise<ComfyFake> {
  const behaviour: ComfyFakeBehaviour = { runMs: 0, executionError: null, failAllWith: null, ...options.behaviour };
  const checkpoints = options.checkpoints ?? ['illustriousXL_v01.safetensors'];
  const calls: ComfyCall[] = [];
  const accepted: Graph[] = [];
  const inputFiles = new Map<string, Buffer>();
  const outputFiles = new Map<string, Buffer>();
  const pending: QueueItem[] = [];
  let running: QueueItem | null = null;
  const history = new Map<string, unknown>();
  let counter = 0;
  let saved = 0;
  const defs = () => nodeDefs(checkpoints, [...inputFiles.keys()]);

  /** What the graph would draw: size from the latent, or from the loaded image for img2img. */
  async function render(item: QueueItem): Promise<Buffer> {
    const sampler = Object.values(item.graph).find((n) => n.class_type === 'KSampler');
    const inputs = sampler?.inputs ?? {};
    const prompt = String(linked(item.graph, inputs.positive)?.inputs?.text ?? '');
    const seed = Number(inputs.seed);
    let source = linked(item.graph, inputs.latent_image);
    if (source?.class_type === 'VAEEncode') {
      let pixels = linked(item.graph, source.inputs?.pixels);
      if (pixels?.class_type === 'ImageScale') {
        const { width, height } = pixels.inputs ?? {};
        if (Number(width) > 0 && Number(height) > 0) return renderFakeImage(prompt, seed, Number(width), Number(height));
        pixels = linked(item.graph, pixels.inputs?.image);
      }
      const meta = await sharp(inputFiles.get(String(pixels?.inputs?.image))).metadata();
      return renderFakeImage(prompt, seed, meta.width ?? 64, meta.height ?? 64);
    }
    source = source?.class_type === 'EmptyLatentImage' ? source : undefined;
    return renderFakeImage(prompt, seed, Number(source?.inputs?.width ?? 512), Number(source?.inputs?.height ?? 512));
  }

  async function execute(item: QueueItem) {
    const started = ['execution_start', { prompt_id: item.promptId, timestamp: Date.now() }];
    const prompt = [item.number, item.promptId, item.graph, item.extraData, item.outputNodes];
    await new Promise((resolve) => setTimeout(resolve, behaviour.runMs));
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
    for (const id of item.outputNodes) {
      saved += 1;
      const prefix = String(item.graph[id]?.inputs?.filename_prefix ?? 'ComfyUI');
      const filename = `${prefix}_${String(saved).padStart(5, '0')}_.png`;
      outputFiles.set(filename, await render(item));
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
