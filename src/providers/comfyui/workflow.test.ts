import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fillWorkflow, type Graph, loadWorkflows, parseWorkflow, WorkflowError } from './workflow.js';

/** The minimal txt2img graph of ComfyUI's own API example: no titles, roles found by class and links. */
const plain = (): Graph => ({
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'x.safetensors' } },
  '6': { class_type: 'CLIPTextEncode', inputs: { clip: ['4', 1], text: 'masterpiece' } },
  '7': { class_type: 'CLIPTextEncode', inputs: { clip: ['4', 1], text: 'lowres, worst quality' } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 512, height: 512, batch_size: 4 } },
  '3': {
    class_type: 'KSampler',
    inputs: {
      model: ['4', 0],
      // Deliberately swapped ids: roles follow the links, not the order of nodes.
      positive: ['7', 0],
      negative: ['6', 0],
      latent_image: ['5', 0],
      seed: 1,
      steps: 20,
      cfg: 7,
      sampler_name: 'euler',
      scheduler: 'normal',
      denoise: 1,
    },
  },
  '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
  '9': { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'ComfyUI' } },
});

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

function folderWith(files: Record<string, unknown>): string {
  dir = mkdtempSync(join(tmpdir(), 'comfy-workflows-'));
  for (const [name, json] of Object.entries(files)) writeFileSync(join(dir, name), typeof json === 'string' ? json : JSON.stringify(json));
  return dir;
}

describe('ComfyUI workflow templates', () => {
  it('ships txt2img, img2img, inpaint and upscale templates that pass their own checks', () => {
    const workflows = loadWorkflows();
    expect(workflows.txt2img.roles).toMatchObject({ checkpoint: '4', positive: '6', negative: '7', sampler: '3', size: '5', output: '9' });
    expect(workflows.img2img?.roles).toMatchObject({ image: '10', size: '12', sampler: '3' });
    expect(workflows.inpaint?.roles).toMatchObject({ image: '10', size: '12', sampler: '3', checkpoint: '4' });
    expect(workflows.inpaint?.graph['13']).toMatchObject({ class_type: 'SetLatentNoiseMask', inputs: { mask: ['10', 1] } });
    expect(workflows.upscale?.roles).toEqual({ image: '10', scale: '11', output: '9' });
  });

  it('fills an upscale template: the image and the factor, nothing of a sampler', () => {
    const graph = fillWorkflow(loadWorkflows().upscale!, {
      checkpoint: '',
      positive: '',
      seed: 1,
      width: 200,
      height: 120,
      image: 'up.png',
      factor: 4,
    });
    expect(graph['10']?.inputs).toEqual({ image: 'up.png' });
    expect(graph['11']?.inputs).toMatchObject({ scale_by: 4 });
  });

  it("takes an operator's upscale template that scales to a size (an upscale model, then ImageScale), refuses one with neither", () => {
    const model: Graph = {
      '1': { class_type: 'LoadImage', inputs: { image: 'x.png' } },
      '2': { class_type: 'UpscaleModelLoader', inputs: { model_name: '4x-AnimeSharp.pth' } },
      '3': { class_type: 'ImageUpscaleWithModel', inputs: { upscale_model: ['2', 0], image: ['1', 0] } },
      '4': { class_type: 'ImageScale', inputs: { image: ['3', 0], upscale_method: 'lanczos', width: 0, height: 0, crop: 'disabled' } },
      '5': { class_type: 'SaveImage', inputs: { images: ['4', 0], filename_prefix: 'x' } },
    };
    const workflow = parseWorkflow(model, 'upscale', 'up.json');
    expect(workflow.roles).toEqual({ image: '1', size: '4', output: '5' });
    const graph = fillWorkflow(workflow, { checkpoint: '', positive: '', seed: 1, width: 200, height: 120, image: 'a.png', factor: 2 });
    expect(graph['4']?.inputs).toMatchObject({ width: 200, height: 120 });
    delete model['4'];
    model['5']!.inputs.images = ['3', 0];
    expect(() => parseWorkflow(model, 'upscale', 'up.json')).toThrow('up.json: no scale or size node');
  });

  it('finds roles in an untitled graph by class, and the prompts by following the sampler links', () => {
    const workflow = parseWorkflow(plain(), 'txt2img', 'plain.json');
    expect(workflow.roles).toEqual({ sampler: '3', checkpoint: '4', positive: '7', negative: '6', size: '5', output: '9' });
  });

  it('fills a copy: prompts, seed, sampling, size, batch of one; what the request leaves open keeps the template value', () => {
    const workflow = parseWorkflow(plain(), 'txt2img', 'plain.json');
    const graph = fillWorkflow(workflow, {
      checkpoint: 'noobai.safetensors',
      positive: '1girl, fox ears',
      negative: '',
      seed: 77,
      steps: 30,
      sampler: 'dpmpp_2m',
      scheduler: 'karras',
      width: 832,
      height: 1216,
    });
    expect(graph['4']?.inputs.ckpt_name).toBe('noobai.safetensors');
    expect(graph['7']?.inputs.text).toBe('1girl, fox ears');
    // An empty negative prompt keeps the template's.
    expect(graph['6']?.inputs.text).toBe('masterpiece');
    expect(graph['3']?.inputs).toMatchObject({ seed: 77, steps: 30, cfg: 7, sampler_name: 'dpmpp_2m', scheduler: 'karras', denoise: 1 });
    expect(graph['5']?.inputs).toEqual({ width: 832, height: 1216, batch_size: 1 });
    expect(graph['9']?.inputs.filename_prefix).toBe('animegen');
    expect(workflow.graph['3']?.inputs.seed).toBe(1);
  });

  it('uses the node titled animegen:<role> when a graph has two samplers (e.g. a hires pass)', () => {
    const graph = plain();
    graph['13'] = { ...structuredClone(graph['3']!), _meta: { title: 'animegen:sampler' } };
    expect(parseWorkflow(graph, 'txt2img', 'hires.json').roles.sampler).toBe('13');
    delete graph['13']!._meta;
    expect(() => parseWorkflow(graph, 'txt2img', 'hires.json')).toThrow(
      'hires.json: 2 KSampler nodes; title the one AnimeGen should fill "animegen:sampler"',
    );
  });

  it.each([
    ['a missing sampler', (g: Graph) => delete g['3'], 'bad.json: no sampler node'],
    [
      'a seed that is a link',
      (g: Graph) => (g['3']!.inputs.seed = ['20', 0]),
      'bad.json: the sampler node "3" (KSampler) needs a plain "seed" or "noise_seed" input',
    ],
    ['no EmptyLatentImage', (g: Graph) => delete g['5'], 'bad.json: no size node'],
    ['no SaveImage', (g: Graph) => delete g['9'], 'bad.json: no output node'],
    [
      'a node without class_type',
      (g: Graph) => ((g['8'] as { class_type?: string }).class_type = undefined),
      'bad.json: node "8" has no class_type',
    ],
  ])('refuses a template with %s, naming the file and the node', (_, breakIt, message) => {
    const graph = plain();
    breakIt(graph);
    expect(() => parseWorkflow(graph, 'txt2img', 'bad.json')).toThrow(message);
  });

  it("refuses ComfyUI's UI format with a hint to export the API format", () => {
    expect(() => parseWorkflow({ nodes: [], links: [] }, 'txt2img', 'ui.json')).toThrow(/ui\.json: .*"Export \(API\)"/);
  });

  it("reads an operator's folder: txt2img.json required, the others optional, bad JSON named", () => {
    const folder = folderWith({ 'txt2img.json': plain() });
    const workflows = loadWorkflows(folder);
    expect(workflows.txt2img.source).toBe(join(folder, 'txt2img.json'));
    expect(Object.keys(workflows)).toEqual(['txt2img']);
    rmSync(folder, { recursive: true });
    expect(() => loadWorkflows(folderWith({ 'img2img.json': plain() }))).toThrow(WorkflowError);
    expect(() => loadWorkflows(folderWith({ 'txt2img.json': '{"3": ' }))).toThrow(/txt2img\.json: not valid JSON/);
  });

  it('needs denoise and a LoadImage in an img2img template', () => {
    const graph = plain();
    expect(() => parseWorkflow(graph, 'img2img', 'i2i.json')).toThrow('i2i.json: no image node');
    delete graph['3']!.inputs.denoise;
    expect(() => parseWorkflow(graph, 'img2img', 'i2i.json')).toThrow('needs a plain "denoise" input');
  });
});
