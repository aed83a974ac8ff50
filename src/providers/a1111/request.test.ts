import { describe, expect, it } from 'vitest';
import type { CreateTaskInput } from '../types.js';
import { findCheckpoint, wantedCheckpoint } from './checkpoints.js';
import { errorForStatus } from './errors.js';
import { buildGenerationRequest, DEFAULT_A1111_SETTINGS, dimensionsFor } from './request.js';

const input = (overrides: Partial<CreateTaskInput> = {}): CreateTaskInput => ({
  providerModel: 'default',
  prompt: 'a fox spirit',
  aspectRatio: '1:1',
  seed: 3,
  references: [],
  ...overrides,
});

describe('dimensionsFor', () => {
  it.each([
    ['1:1', 1024, { width: 1024, height: 1024 }],
    ['16:9', 1024, { width: 1024, height: 576 }],
    ['9:16', 1024, { width: 576, height: 1024 }],
    ['2:3', 1024, { width: 680, height: 1024 }],
    ['4:3', 768, { width: 768, height: 576 }],
    ['21:9', 1024, { width: 1024, height: 440 }],
  ])('gives %s with longest side %i as %o', (aspect, longest, expected) => {
    expect(dimensionsFor(aspect, longest)).toEqual(expected);
  });

  it('rounds every side to a multiple of 8, at least 64', () => {
    expect(dimensionsFor('1:1', 1000)).toEqual({ width: 1000, height: 1000 });
    expect(dimensionsFor('1:1', 1001)).toEqual({ width: 1000, height: 1000 });
    expect(dimensionsFor('8:1', 256)).toEqual({ width: 256, height: 64 });
  });

  it('treats an unparsable or zero ratio as square', () => {
    expect(dimensionsFor('wide', 512)).toEqual({ width: 512, height: 512 });
    expect(dimensionsFor('0:1', 512)).toEqual({ width: 512, height: 512 });
  });
});

describe('buildGenerationRequest', () => {
  it('sends every sampling field explicitly, with the anime defaults', () => {
    const { path, body } = buildGenerationRequest(input(), DEFAULT_A1111_SETTINGS);
    expect(path).toBe('/sdapi/v1/txt2img');
    expect(body).toEqual({
      prompt: 'a fox spirit',
      negative_prompt: '',
      width: 1024,
      height: 1024,
      seed: 3,
      steps: 28,
      cfg_scale: 6,
      sampler_name: 'Euler a',
      batch_size: 1,
      n_iter: 1,
      save_images: false,
      send_images: true,
    });
  });

  it("sends the user's steps, CFG, sampler and img2img strength in place of the defaults", () => {
    const reference = { name: 'r.png', bytes: Buffer.from('png'), contentType: 'image/png' as const };
    const { path, body } = buildGenerationRequest(
      input({ steps: 40, guidance: 4.5, sampler: 'DPM++ 2M', strength: 0.35, references: [reference] }),
      DEFAULT_A1111_SETTINGS,
    );
    expect(path).toBe('/sdapi/v1/img2img');
    expect(body).toMatchObject({ steps: 40, cfg_scale: 4.5, sampler_name: 'DPM++ 2M', denoising_strength: 0.35 });
  });

  it("uses the configured negative prompt only when the user's is blank", () => {
    const defaults = { ...DEFAULT_A1111_SETTINGS, negativePrompt: 'lowres' };
    expect(buildGenerationRequest(input({ negativePrompt: '  ' }), defaults).body.negative_prompt).toBe('lowres');
    expect(buildGenerationRequest(input({ negativePrompt: 'extra fingers' }), defaults).body.negative_prompt).toBe('extra fingers');
  });

  it('switches the checkpoint without restoring the previous one after the call', () => {
    const { body } = buildGenerationRequest(input(), DEFAULT_A1111_SETTINGS, 'anything-v5.safetensors [7f96a1a9ca]');
    expect(body.override_settings).toEqual({ sd_model_checkpoint: 'anything-v5.safetensors [7f96a1a9ca]' });
    expect(body.override_settings_restore_afterwards).toBe(false);
  });
});

describe('checkpoint names', () => {
  const list = [
    {
      title: 'anything-v5.safetensors [7f96a1a9ca]',
      model_name: 'anything-v5',
      hash: '7f96a1a9ca',
      filename: 'C:\\sd\\anything-v5.safetensors',
    },
  ];

  it.each(['anything-v5.safetensors [7f96a1a9ca]', 'anything-v5', '7f96a1a9ca', 'anything-v5.safetensors'])(
    'finds a checkpoint by %s',
    (name) => {
      expect(findCheckpoint(list, name)?.title).toBe('anything-v5.safetensors [7f96a1a9ca]');
    },
  );

  it('matches exactly, not by prefix', () => {
    expect(findCheckpoint(list, 'anything')).toBeUndefined();
  });

  it('reads providerModel "default" as the configured checkpoint, or none', () => {
    expect(wantedCheckpoint('default', 'anything-v5')).toBe('anything-v5');
    expect(wantedCheckpoint('default', undefined)).toBeUndefined();
    expect(wantedCheckpoint('counterfeit-v3', 'anything-v5')).toBe('counterfeit-v3');
  });
});

describe('errorForStatus', () => {
  it.each([
    [401, '{"detail":"Incorrect username or password"}', 'provider_account', 'auth'],
    [403, '', 'provider_account', 'auth'],
    [404, '{"detail":"Not Found"}', 'provider_account', 'api_disabled'],
    [404, '<html>nginx</html>', 'provider_account', 'api_disabled'],
    [404, '{"detail":"Sampler not found"}', 'permanent', 'invalid_input'],
    [422, '{"detail":[{"loc":["body","width"]}]}', 'permanent', 'invalid_input'],
    [429, '', 'transient', 'provider_unavailable'],
    [502, 'Bad Gateway', 'transient', 'provider_unavailable'],
    [418, '', 'permanent', 'generation_failed'],
  ])('classifies HTTP %i %s as %s %s', (status, body, kind, code) => {
    expect(errorForStatus(status, body, 'POST /sdapi/v1/txt2img')).toMatchObject({ kind, code });
  });
});
