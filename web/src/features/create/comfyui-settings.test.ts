import { describe, expect, it } from 'vitest';
import { comfySettings } from './comfyui-settings.js';

describe('ComfyUI graphs', () => {
  it('follows links through an SDXL encoder, a two-sided ControlNet node and a linked seed, each side to its own text', () => {
    const graph = {
      '1': { class_type: 'CheckpointLoaderSimple', inputs: { ckpt_name: 'noobaiXL.safetensors' } },
      '2': {
        class_type: 'CLIPTextEncodeSDXL',
        inputs: { text_g: 'a lighthouse keeper girl', text_l: 'a lighthouse keeper girl', clip: ['1', 1] },
      },
      '3': { class_type: 'CLIPTextEncode', inputs: { text: ['9', 0], clip: ['1', 1] } },
      '4': {
        class_type: 'ControlNetApplyAdvanced',
        inputs: { positive: ['2', 0], negative: ['3', 0], control_net: ['8', 0], image: ['8', 0] },
      },
      '5': { class_type: 'EmptyLatentImage', inputs: { width: 1024, height: 768, batch_size: 1 } },
      '6': {
        class_type: 'KSamplerAdvanced',
        inputs: {
          noise_seed: ['7', 0],
          steps: 30,
          cfg: 4,
          sampler_name: 'dpmpp_2m',
          scheduler: 'normal',
          model: ['1', 0],
          positive: ['4', 0],
          negative: ['4', 1],
          latent_image: ['5', 0],
        },
      },
      '7': { class_type: 'PrimitiveNode', inputs: { value: 99 } },
      '9': { class_type: 'PrimitiveString', inputs: { value: 'worst quality' } },
    };
    expect(comfySettings(JSON.stringify(graph))).toEqual({
      prompt: 'a lighthouse keeper girl',
      negativePrompt: 'worst quality',
      model: 'noobaiXL',
      width: 1024,
      height: 768,
      aspectRatio: '4:3',
      other: { noise_seed: '99', steps: '30', cfg: '4', sampler_name: 'dpmpp_2m', scheduler: 'normal' },
    });
  });

  it('says nothing for a graph without a sampler that leads to text, or for text that is not a graph', () => {
    expect(comfySettings(JSON.stringify({ '1': { class_type: 'CLIPTextEncode', inputs: { text: 'alone' } } }))).toBeNull();
    expect(comfySettings('a castle at dawn')).toBeNull();
    expect(comfySettings('null')).toBeNull();
  });
});
