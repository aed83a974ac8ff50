import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ComfyFake, startComfyFake } from '../fakes/comfyui-fake.js';

/**
 * The ComfyUI fake refuses what the real server refuses, with the real
 * answer's shape (ComfyUI's execution.py validate_prompt, server.py
 * post_prompt): HTTP 400 `{error: {type, message, details, extra_info}, node_errors}`.
 * The graph is the minimal txt2img of ComfyUI's own API example.
 */

type Graph = Record<string, { class_type: string; inputs: Record<string, unknown>; _meta?: { title: string } }>;

const txt2img = (): Graph => ({
  '4': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'illustriousXL_v01.safetensors' } },
  '6': { class_type: 'CLIPTextEncode', inputs: { clip: ['4', 1], text: '1girl, solo' } },
  '7': { class_type: 'CLIPTextEncode', inputs: { clip: ['4', 1], text: 'lowres' } },
  '5': { class_type: 'EmptyLatentImage', inputs: { width: 64, height: 64, batch_size: 1 } },
  '3': {
    class_type: 'KSampler',
    inputs: {
      model: ['4', 0],
      positive: ['6', 0],
      negative: ['7', 0],
      latent_image: ['5', 0],
      seed: 123,
      steps: 28,
      cfg: 6,
      sampler_name: 'euler_ancestral',
      scheduler: 'normal',
      denoise: 1,
    },
  },
  '8': { class_type: 'VAEDecode', inputs: { samples: ['3', 0], vae: ['4', 2] } },
  '9': { class_type: 'SaveImage', inputs: { images: ['8', 0], filename_prefix: 'test' } },
});

let comfy: ComfyFake;
beforeAll(async () => {
  comfy = await startComfyFake({ checkpoints: ['illustriousXL_v01.safetensors'] });
});
afterAll(() => comfy.close());

// biome-ignore lint/suspicious/noExplicitAny: the test reads ComfyUI's answers by path, as a client would.
type Json = any;

async function queue(prompt: unknown) {
  const res = await fetch(`${comfy.url}/prompt`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ prompt }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, Json> };
}

describe('the ComfyUI fake validates prompts as ComfyUI does', () => {
  it('accepts the documented txt2img graph: 200 {prompt_id, number, node_errors: {}}, then history lists the saved PNG', async () => {
    const { status, body } = await queue(txt2img());
    expect(status).toBe(200);
    expect(body).toEqual({ prompt_id: expect.stringMatching(/^[0-9a-f-]{36}$/), number: expect.any(Number), node_errors: {} });
    await expect
      .poll(async () => (await (await fetch(`${comfy.url}/api/history/${body.prompt_id}`)).json())[body.prompt_id]?.status?.status_str)
      .toBe('success');
    const entry = (await (await fetch(`${comfy.url}/history/${body.prompt_id}`)).json())[body.prompt_id];
    const [image] = entry.outputs['9'].images;
    expect(image).toEqual({ filename: expect.stringMatching(/^test_\d{5}_\.png$/), subfolder: '', type: 'output' });
    const view = await fetch(`${comfy.url}/view?filename=${image.filename}&subfolder=&type=output`);
    expect(view.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${comfy.url}/view?filename=../secret.png&type=output`)).status).toBe(403);
  });

  it('refuses a KSampler without a required input: 400, prompt_outputs_failed_validation, the reason under node_errors', async () => {
    const graph = txt2img();
    delete graph['3']!.inputs.seed;
    const { status, body } = await queue(graph);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'prompt_outputs_failed_validation', message: 'Prompt outputs failed validation' });
    expect(body.node_errors).toEqual({
      '3': {
        class_type: 'KSampler',
        dependent_outputs: ['9'],
        errors: [
          { type: 'required_input_missing', message: 'Required input is missing', details: 'seed', extra_info: { input_name: 'seed' } },
        ],
      },
    });
  });

  it('refuses an unknown node class as missing_node_type, naming its title, with empty node_errors', async () => {
    const graph = txt2img();
    graph['20'] = { class_type: 'UltimateSDUpscale', inputs: {}, _meta: { title: 'Upscale' } };
    const { status, body } = await queue(graph);
    expect(status).toBe(400);
    expect(body).toEqual({
      error: {
        type: 'missing_node_type',
        message: "Node 'Upscale' not found. The custom node may not be installed.",
        details: "Node ID '#20'",
        extra_info: { node_id: '20', class_type: 'UltimateSDUpscale', node_title: 'Upscale' },
      },
      node_errors: {},
    });
  });

  it('refuses an unknown checkpoint name as value_not_in_list on the loader', async () => {
    const graph = txt2img();
    graph['4']!.inputs.ckpt_name = 'ponyDiffusionV6XL.safetensors';
    const { status, body } = await queue(graph);
    expect(status).toBe(400);
    expect(body.node_errors['4'].errors).toEqual([
      expect.objectContaining({
        type: 'value_not_in_list',
        details: "ckpt_name: 'ponyDiffusionV6XL.safetensors' not in ['illustriousXL_v01.safetensors']",
      }),
    ]);
  });

  it('refuses out-of-range numbers, links of the wrong type, a missing prompt and a graph without outputs', async () => {
    const big = txt2img();
    big['3']!.inputs.cfg = 101;
    expect((await queue(big)).body.node_errors['3'].errors[0]).toMatchObject({
      type: 'value_bigger_than_max',
      message: 'Value 101 bigger than max of 100',
    });
    const crossed = txt2img();
    crossed['3']!.inputs.model = ['4', 1];
    expect((await queue(crossed)).body.node_errors['3'].errors[0]).toMatchObject({
      type: 'return_type_mismatch',
      details: 'model, CLIP != MODEL',
    });
    expect(await queue(undefined)).toMatchObject({ status: 400, body: { error: { type: 'no_prompt' } } });
    const headless = txt2img();
    delete headless['9'];
    expect(await queue(headless)).toMatchObject({ status: 400, body: { error: { type: 'prompt_no_outputs' } } });
  });

  it('lists checkpoints where ComfyUI does: /object_info/CheckpointLoaderSimple → input.required.ckpt_name[0]', async () => {
    const info = await (await fetch(`${comfy.url}/api/object_info/CheckpointLoaderSimple`)).json();
    expect(info.CheckpointLoaderSimple.input.required.ckpt_name[0]).toEqual(['illustriousXL_v01.safetensors']);
    expect(await (await fetch(`${comfy.url}/object_info/NoSuchNode`)).json()).toEqual({});
  });
});
