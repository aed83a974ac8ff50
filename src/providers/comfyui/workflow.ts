import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import img2imgTemplate from './workflows/img2img.json' with { type: 'json' };
import inpaintTemplate from './workflows/inpaint.json' with { type: 'json' };
import txt2imgTemplate from './workflows/txt2img.json' with { type: 'json' };
import upscaleTemplate from './workflows/upscale.json' with { type: 'json' };

/**
 * Workflow templates: ComfyUI graphs in API format ("Export (API)" in
 * ComfyUI), one per task kind, that the adapter fills per task. The shipped
 * ones sit in ./workflows; COMFYUI_WORKFLOWS_DIR points at an operator's own
 * `txt2img.json` (required) and `img2img.json`, `inpaint.json`,
 * `upscale.json` (each optional: without img2img.json reference images,
 * img2img and variations are refused; without the others, their tool).
 *
 * img2img runs the source through VAEEncode into the sampler at denoise =
 * strength. inpaint loads an upload that carries the mask as its alpha
 * (transparent = repaint), so LoadImage's MASK output feeds a
 * SetLatentNoiseMask: an ordinary anime checkpoint repaints only there and
 * keeps the colours underneath. The shipped upscale is a plain lanczos
 * ImageScaleBy; for an upscale model, write an upscale.json of
 * LoadImage → UpscaleModelLoader + ImageUpscaleWithModel → ImageScale
 * (titled `animegen:size`, which is set to the source × the factor, so a
 * 4× model still gives exactly ×2) → SaveImage.
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
 * | sampler    | KSampler                            | seed (or noise_seed), steps, cfg, sampler_name, scheduler; denoise but in txt2img |
 * | size       | EmptyLatentImage (txt2img), else ImageScale (optional) | width, height (and batch_size 1) |
 * | image      | LoadImage (all but txt2img)         | image: the name /upload/image returned              |
 * | scale      | ImageScaleBy (upscale; it or size)  | scale_by: the factor                                |
 * | output     | SaveImage                           | filename_prefix                                     |
 *
 * An upscale template needs only image, output and one of scale or size.
 * Values the request leaves open (steps, CFG, sampler) keep the template's.
 */

export type TaskKind = 'txt2img' | 'img2img' | 'inpaint' | 'upscale';

type Node = { class_type: string; inputs: Record<string, unknown>; _meta?: { title?: string } };
export type Graph = Record<string, Node>;

type Role = 'checkpoint' | 'positive' | 'negative' | 'sampler' | 'size' | 'image' | 'scale' | 'output';

export interface Workflow {
  kind: TaskKind;
  /** Where it came from, for messages. */
  source: string;
  graph: Graph;
  /** Node id per role: those of ROLES_OF[kind], `size` optional but in txt2img, `scale` optional. */
  roles: Partial<Record<Role, string>>;
}

export interface Workflows {
  txt2img: Workflow;
  img2img?: Workflow;
  inpaint?: Workflow;
  upscale?: Workflow;
}

/** The roles each kind of template has, in the order they are looked for (the sampler first: the prompts follow its links). */
const ROLES_OF: Record<TaskKind, Role[]> = {
  txt2img: ['sampler', 'checkpoint', 'positive', 'negative', 'size', 'output'],
  img2img: ['sampler', 'checkpoint', 'positive', 'negative', 'size', 'output', 'image'],
  inpaint: ['sampler', 'checkpoint', 'positive', 'negative', 'size', 'output', 'image'],
  upscale: ['image', 'scale', 'size', 'output'],
};

/** Roles a template may leave out. */
const optional = (role: Role, kind: TaskKind) => role === 'scale' || (role === 'size' && kind !== 'txt2img');

/** The class a role falls to when no node carries its title. */
const ROLE_CLASS: Partial<Record<Role, string>> = {
  checkpoint: 'CheckpointLoaderSimple',
  sampler: 'KSampler',
  image: 'LoadImage',
  scale: 'ImageScaleBy',
  output: 'SaveImage',
};
const SIZE_CLASS: Record<TaskKind, string> = {
  txt2img: 'EmptyLatentImage',
  img2img: 'ImageScale',
  inpaint: 'ImageScale',
  upscale: 'ImageScale',
};

/** Inputs that must be plain values (not links) in each role's node, so the adapter can set them. */
function requiredInputs(role: Role, kind: TaskKind): string[][] {
  switch (role) {
    case 'checkpoint':
      return [['ckpt_name']];
    case 'positive':
    case 'negative':
      return [['text']];
    case 'sampler':
      return [['seed', 'noise_seed'], ['steps'], ['cfg'], ['sampler_name'], ['scheduler'], ...(kind === 'txt2img' ? [] : [['denoise']])];
    case 'size':
      return [['width'], ['height']];
    case 'image':
      return [['image']];
    case 'scale':
      return [['scale_by']];
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
  for (const role of ROLES_OF[kind]) {
    const id = findRole(graph, role, kind, source, roles.sampler);
    if (!id) {
      if (optional(role, kind)) continue;
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
  if (kind === 'upscale' && !roles.scale && !roles.size)
    throw new WorkflowError(`${source}: no scale or size node (an ImageScaleBy, or an ImageScale titled "animegen:size")`);
  if (roles.positive !== undefined && roles.positive === roles.negative)
    throw new WorkflowError(`${source}: positive and negative prompts are the same node "${roles.positive}"`);
  return { kind, source, graph, roles };
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
      inpaint: parseWorkflow(inpaintTemplate, 'inpaint', 'built-in inpaint.json'),
      upscale: parseWorkflow(upscaleTemplate, 'upscale', 'built-in upscale.json'),
    };
  }
  const read = (kind: TaskKind): Workflow | undefined => {
    const file = join(dir, `${kind}.json`);
    if (!existsSync(file)) {
      if (kind !== 'txt2img') return undefined;
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
  const workflows: Workflows = { txt2img: read('txt2img')! };
  for (const kind of ['img2img', 'inpaint', 'upscale'] as const) {
    const workflow = read(kind);
    if (workflow) workflows[kind] = workflow;
  }
  return workflows;
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
  /** All but txt2img: how far from the source (ComfyUI's denoise). */
  denoise?: number;
  /** All but txt2img: the uploaded image's name. */
  image?: string;
  /** Upscale: how many times larger (the scale role's scale_by). */
  factor?: number;
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
  if (roles.sampler !== undefined) {
    const sampler = graph[roles.sampler]!.inputs;
    set(roles.sampler, {
      [('seed' in sampler ? 'seed' : 'noise_seed') as string]: values.seed,
      steps: values.steps,
      cfg: values.cfg,
      sampler_name: values.sampler,
      scheduler: values.scheduler,
      denoise: workflow.kind === 'txt2img' ? undefined : values.denoise,
    });
  }
  set(roles.scale, { scale_by: values.factor });
  set(roles.size, { width: values.width, height: values.height });
  if (roles.size && 'batch_size' in graph[roles.size]!.inputs) set(roles.size, { batch_size: 1 });
  set(roles.image, { image: values.image });
  if (roles.output && 'filename_prefix' in graph[roles.output]!.inputs) set(roles.output, { filename_prefix: 'animegen' });
  return graph;
}
