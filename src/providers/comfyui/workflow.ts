import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import img2imgTemplate from './workflows/img2img.json' with { type: 'json' };
import txt2imgTemplate from './workflows/txt2img.json' with { type: 'json' };

/**
 * Workflow templates: ComfyUI graphs in API format ("Export (API)" in
 * ComfyUI), one per task kind, that the adapter fills per task. The shipped
 * ones sit in ./workflows; COMFYUI_WORKFLOWS_DIR points at an operator's own
 * `txt2img.json` (required) and `img2img.json` (optional: without it,
 * reference images are refused).
 *
 * A node takes a role when its `_meta.title` is `animegen:<role>`; otherwise
 * the role falls to the only node of the role's class, and the prompts follow
 * the sampler's `positive` / `negative` links. Roles and the inputs filled:
 *
 * | role       | found by (without a title)          | inputs set                                          |
 * |------------|-------------------------------------|-----------------------------------------------------|
 * | checkpoint | CheckpointLoaderSimple              | ckpt_name                                           |
 * | positive   | the sampler's `positive` link       | text                                                |
 * | negative   | the sampler's `negative` link       | text (kept when the user gave no negative prompt)   |
 * | sampler    | KSampler                            | seed (or noise_seed), steps, cfg, sampler_name, scheduler; denoise in img2img |
 * | size       | EmptyLatentImage (txt2img), ImageScale (img2img, optional) | width, height (and batch_size 1) |
 * | image      | LoadImage (img2img only)            | image: the name /upload/image returned              |
 * | output     | SaveImage                           | filename_prefix                                     |
 *
 * Values the request leaves open (steps, CFG, sampler) keep the template's.
 */

export type TaskKind = 'txt2img' | 'img2img';

type Node = { class_type: string; inputs: Record<string, unknown>; _meta?: { title?: string } };
export type Graph = Record<string, Node>;

type Role = 'checkpoint' | 'positive' | 'negative' | 'sampler' | 'size' | 'image' | 'output';

export interface Workflow {
  kind: TaskKind;
  /** Where it came from, for messages. */
  source: string;
  graph: Graph;
  /** Node id per role; `size` may be absent in img2img (the reference keeps its own size). */
  roles: Partial<Record<Role, string>> & Record<'checkpoint' | 'positive' | 'negative' | 'sampler' | 'output', string>;
}

export interface Workflows {
  txt2img: Workflow;
  img2img?: Workflow;
}

/** The class a role falls to when no node carries its title. */
const ROLE_CLASS: Partial<Record<Role, string>> = {
  checkpoint: 'CheckpointLoaderSimple',
  sampler: 'KSampler',
  image: 'LoadImage',
  output: 'SaveImage',
};
const SIZE_CLASS: Record<TaskKind, string> = { txt2img: 'EmptyLatentImage', img2img: 'ImageScale' };

/** Inputs that must be plain values (not links) in each role's node, so the adapter can set them. */
function requiredInputs(role: Role, kind: TaskKind): string[][] {
  switch (role) {
    case 'checkpoint':
      return [['ckpt_name']];
    case 'positive':
    case 'negative':
      return [['text']];
    case 'sampler':
      return [['seed', 'noise_seed'], ['steps'], ['cfg'], ['sampler_name'], ['scheduler'], ...(kind === 'img2img' ? [['denoise']] : [])];
    case 'size':
      return [['width'], ['height']];
    case 'image':
      return [['image']];
    case 'output':
      return [];
  }
}

/** An operator's template that cannot work; the message names the file and what is missing. */
export class WorkflowError extends Error {
  override name = 'WorkflowError';
}

function parseGraph(json: unknown, source: string): Graph {
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new WorkflowError(`${source}: not a JSON object of nodes`);
  if (Array.isArray((json as { nodes?: unknown }).nodes)) {
    throw new WorkflowError(`${source}: this is ComfyUI's UI format; save the workflow with "Export (API)" instead`);
  }
  for (const [id, node] of Object.entries(json)) {
    const n = node as Partial<Node> | null;
    if (typeof n?.class_type !== 'string' || !n.inputs || typeof n.inputs !== 'object') {
      throw new WorkflowError(`${source}: node "${id}" has no class_type or inputs (is this API format?)`);
    }
  }
  return json as Graph;
}

function findRole(graph: Graph, role: Role, kind: TaskKind, source: string, sampler?: string): string | undefined {
  const titled = Object.keys(graph).filter((id) => graph[id]?._meta?.title === `animegen:${role}`);
  if (titled.length > 1) throw new WorkflowError(`${source}: ${titled.length} nodes are titled "animegen:${role}"; keep one`);
  if (titled[0]) return titled[0];
  if (role === 'positive' || role === 'negative') {
    const link = sampler ? graph[sampler]?.inputs[role] : undefined;
    const id = Array.isArray(link) && typeof link[0] === 'string' ? link[0] : undefined;
    return id && graph[id] && 'text' in graph[id].inputs ? id : undefined;
  }
  const cls = role === 'size' ? SIZE_CLASS[kind] : ROLE_CLASS[role];
  const ofClass = Object.keys(graph).filter((id) => graph[id]?.class_type === cls);
  if (ofClass.length > 1) {
    throw new WorkflowError(`${source}: ${ofClass.length} ${cls} nodes; title the one AnimeGen should fill "animegen:${role}"`);
  }
  return ofClass[0];
}

/** Checks a template and locates its roles; throws WorkflowError naming the file and the missing node or input. */
export function parseWorkflow(json: unknown, kind: TaskKind, source: string): Workflow {
  const graph = parseGraph(json, source);
  const roles: Partial<Record<Role, string>> = {};
  const order: Role[] = [
    'sampler',
    'checkpoint',
    'positive',
    'negative',
    'size',
    'output',
    ...(kind === 'img2img' ? (['image'] as const) : []),
  ];
  for (const role of order) {
    const id = findRole(graph, role, kind, source, roles.sampler);
    if (!id) {
      if (role === 'size' && kind === 'img2img') continue;
      const how =
        role === 'positive' || role === 'negative'
          ? `the KSampler's ${role} link to a text encoder`
          : `a ${role === 'size' ? SIZE_CLASS[kind] : ROLE_CLASS[role]} node`;
      throw new WorkflowError(`${source}: no ${role} node (title one "animegen:${role}", or have ${how})`);
    }
    for (const names of requiredInputs(role, kind)) {
      const inputs = graph[id]?.inputs ?? {};
      const name = names.find((n) => n in inputs);
      if (name === undefined || Array.isArray(inputs[name])) {
        throw new WorkflowError(
          `${source}: the ${role} node "${id}" (${graph[id]?.class_type}) needs a plain "${names.join('" or "')}" input`,
        );
      }
    }
    roles[role] = id;
  }
  if (roles.positive === roles.negative)
    throw new WorkflowError(`${source}: positive and negative prompts are the same node "${roles.positive}"`);
  return { kind, source, graph, roles: roles as Workflow['roles'] };
}

/**
 * The templates to use: the shipped ones, or those in `dir`. Read once, at
 * start-up; a broken file stops the process with a message naming it.
 */
export function loadWorkflows(dir?: string): Workflows {
  if (!dir) {
    return {
      txt2img: parseWorkflow(txt2imgTemplate, 'txt2img', 'built-in txt2img.json'),
      img2img: parseWorkflow(img2imgTemplate, 'img2img', 'built-in img2img.json'),
    };
  }
  const read = (kind: TaskKind): Workflow | undefined => {
    const file = join(dir, `${kind}.json`);
    if (!existsSync(file)) {
      if (kind === 'img2img') return undefined;
      throw new WorkflowError(`${file}: not found (COMFYUI_WORKFLOWS_DIR needs a txt2img.json)`);
    }
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new WorkflowError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    return parseWorkflow(json, kind, file);
  };
  const txt2img = read('txt2img');
  const img2img = read('img2img');
  return img2img ? { txt2img: txt2img!, img2img } : { txt2img: txt2img! };
}

export interface FillValues {
  checkpoint: string;
  positive: string;
  /** Empty or undefined keeps the template's negative prompt. */
  negative?: string;
  seed: number;
  steps?: number;
  cfg?: number;
  sampler?: string;
  scheduler?: string;
  width: number;
  height: number;
  /** img2img: how far from the reference (ComfyUI's denoise). */
  denoise?: number;
  /** img2img: the uploaded reference's name. */
  image?: string;
}

/** A fresh graph for one task (the template is never changed). */
export function fillWorkflow(workflow: Workflow, values: FillValues): Graph {
  const graph = structuredClone(workflow.graph);
  const { roles } = workflow;
  const set = (id: string | undefined, patch: Record<string, unknown>) => {
    if (id === undefined) return;
    const inputs = graph[id]!.inputs;
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) inputs[k] = v;
  };
  set(roles.checkpoint, { ckpt_name: values.checkpoint });
  set(roles.positive, { text: values.positive });
  if (values.negative?.trim()) set(roles.negative, { text: values.negative });
  const sampler = graph[roles.sampler]!.inputs;
  set(roles.sampler, {
    [('seed' in sampler ? 'seed' : 'noise_seed') as string]: values.seed,
    steps: values.steps,
    cfg: values.cfg,
    sampler_name: values.sampler,
    scheduler: values.scheduler,
    denoise: workflow.kind === 'img2img' ? values.denoise : undefined,
  });
  set(roles.size, { width: values.width, height: values.height });
  if (roles.size && 'batch_size' in graph[roles.size]!.inputs) set(roles.size, { batch_size: 1 });
  set(roles.image, { image: values.image });
  if (roles.output && 'filename_prefix' in graph[roles.output]!.inputs) set(roles.output, { filename_prefix: 'animegen' });
  return graph;
}
