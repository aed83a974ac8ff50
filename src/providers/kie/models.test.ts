import { describe, expect, it } from 'vitest';
import { buildModelInput, checkCatalogEntry, modelReferenceSupport, nearestAspect, referenceProblem } from './models.js';

const request = { prompt: 'p', aspectRatio: '3:4', seed: 42, referenceUrls: ['https://f/1.png'] };
const noRefs = { ...request, referenceUrls: [] };

describe('buildModelInput', () => {
  it.each([
    ['google/nano-banana', noRefs, { prompt: 'p', image_size: '3:4', output_format: 'png' }],
    ['google/nano-banana-edit', request, { prompt: 'p', image_urls: ['https://f/1.png'], image_size: '3:4', output_format: 'png' }],
    [
      'nano-banana-2',
      request,
      { prompt: 'p', image_input: ['https://f/1.png'], aspect_ratio: '3:4', resolution: '1K', output_format: 'png' },
    ],
    ['nano-banana-pro', noRefs, { prompt: 'p', image_input: [], aspect_ratio: '3:4', resolution: '1K', output_format: 'png' }],
    ['seedream/4.5-text-to-image', noRefs, { prompt: 'p', aspect_ratio: '3:4', quality: 'basic' }],
    ['seedream/4.5-edit', request, { prompt: 'p', aspect_ratio: '3:4', quality: 'basic', image_urls: ['https://f/1.png'] }],
    [
      'bytedance/seedream-v4-text-to-image',
      noRefs,
      { prompt: 'p', image_size: 'portrait_4_3', image_resolution: '1K', max_images: 1, seed: 42 },
    ],
    [
      'bytedance/seedream-v4-edit',
      request,
      { prompt: 'p', image_urls: ['https://f/1.png'], image_size: 'portrait_4_3', image_resolution: '1K', max_images: 1, seed: 42 },
    ],
    ['gpt-image/1.5-text-to-image', noRefs, { prompt: 'p', aspect_ratio: '2:3', quality: 'medium' }],
    ['gpt-image/1.5-image-to-image', request, { prompt: 'p', aspect_ratio: '2:3', quality: 'medium', input_urls: ['https://f/1.png'] }],
    [
      'ideogram/v3-text-to-image',
      { ...noRefs, negativePrompt: 'blurry' },
      {
        prompt: 'p',
        negative_prompt: 'blurry',
        image_size: 'portrait_4_3',
        rendering_speed: 'BALANCED',
        style: 'AUTO',
        expand_prompt: false,
        seed: 42,
      },
    ],
    [
      'qwen/text-to-image',
      { ...noRefs, aspectRatio: '9:16', steps: 40, guidance: 4 },
      {
        prompt: 'p',
        image_size: 'portrait_16_9',
        num_inference_steps: 40,
        guidance_scale: 4,
        acceleration: 'none',
        output_format: 'png',
        enable_safety_checker: true,
        seed: 42,
      },
    ],
    ['someone/new-model', noRefs, { prompt: 'p', aspect_ratio: '3:4' }],
  ])('maps %s to its own fields, all explicit', (model, input, expected) => {
    expect(buildModelInput(model, input)).toEqual(expected);
  });

  it('maps the Seedream 4.0 sizes from ratios in both orientations', () => {
    const size = (aspectRatio: string) => buildModelInput('bytedance/seedream-v4-text-to-image', { ...noRefs, aspectRatio }).image_size;
    expect([size('1:1'), size('16:9'), size('9:16'), size('2:3'), size('21:9')]).toEqual([
      'square_hd',
      'landscape_16_9',
      'portrait_16_9',
      'portrait_3_2',
      'landscape_21_9',
    ]);
  });
});

describe('nearestAspect', () => {
  it('keeps an allowed ratio and otherwise picks the closest one', () => {
    expect(nearestAspect('16:9', ['1:1', '16:9'])).toBe('16:9');
    expect(nearestAspect('9:16', ['1:1', '2:3', '3:2'])).toBe('2:3');
    expect(nearestAspect('4:3', ['1:1', '2:3', '3:2'])).toBe('3:2');
    expect(nearestAspect('weird', ['1:1', '2:3'])).toBe('1:1');
  });
});

describe('reference support', () => {
  it('tells which models take references, how many, and which need one', () => {
    expect(modelReferenceSupport('google/nano-banana')).toEqual({
      known: true,
      acceptsReferences: false,
      maxReferences: 0,
      requiresReference: false,
    });
    expect(modelReferenceSupport('google/nano-banana-edit')).toMatchObject({
      acceptsReferences: true,
      maxReferences: 10,
      requiresReference: true,
    });
    expect(modelReferenceSupport('nano-banana-2')).toMatchObject({ maxReferences: 14, requiresReference: false });
    expect(modelReferenceSupport('unknown/model')).toMatchObject({ known: false, acceptsReferences: false });
  });

  it('explains a refused reference count', () => {
    expect(referenceProblem('nano-banana-pro', 9)).toMatch(/at most 8/);
    expect(referenceProblem('seedream/4.5-edit', 0)).toMatch(/at least one/);
    expect(referenceProblem('nano-banana-2', 3)).toBeUndefined();
  });
});

describe('checkCatalogEntry', () => {
  const entry = {
    providerModel: 'nano-banana-2',
    aspectRatios: ['1:1', '16:9'],
    maxReferences: 4,
    requiresReference: false,
    maxPromptLength: 20000,
  };

  it('passes an entry that asks no more than the model gives', () => {
    expect(checkCatalogEntry(entry)).toEqual([]);
    // Requiring a reference where one is optional only narrows what users may send.
    expect(checkCatalogEntry({ ...entry, requiresReference: true })).toEqual([]);
    // No documented prompt limit: any length passes.
    expect(checkCatalogEntry({ ...entry, providerModel: 'google/nano-banana', maxReferences: 0, maxPromptLength: 100_000 })).toEqual([]);
  });

  it('names a KIE model we have no mapping for', () => {
    expect(checkCatalogEntry({ ...entry, providerModel: 'someone/new-model' })).toEqual([
      expect.stringMatching(/no KIE mapping.*someone\/new-model/),
    ]);
  });

  it('names each aspect ratio the model lacks', () => {
    const problems = checkCatalogEntry({
      ...entry,
      providerModel: 'gpt-image/1.5-text-to-image',
      maxReferences: 0,
      aspectRatios: ['1:1', '16:9', '9:16'],
    });
    expect(problems).toEqual([expect.stringMatching(/aspect ratio 16:9, 9:16 .*it takes 1:1, 2:3, 3:2/)]);
    // Seedream 4.0 names sizes, offered as the ratios it maps from.
    expect(
      checkCatalogEntry({
        ...entry,
        providerModel: 'bytedance/seedream-v4-text-to-image',
        maxReferences: 0,
        aspectRatios: ['21:9', '5:4'],
      }),
    ).toEqual([expect.stringMatching(/aspect ratio 5:4 /)]);
  });

  it('refuses more references than the model takes', () => {
    expect(checkCatalogEntry({ ...entry, providerModel: 'nano-banana-pro', maxReferences: 9, maxPromptLength: 10_000 })).toEqual([
      expect.stringMatching(/maxReferences 9 .*\(8\)/),
    ]);
    expect(checkCatalogEntry({ ...entry, providerModel: 'google/nano-banana', maxReferences: 1 })).toEqual([
      expect.stringMatching(/maxReferences 1 .*\(0\)/),
    ]);
  });

  it('holds requiresReference to the model: true for edit models, false for text-only ones', () => {
    const edit = { ...entry, providerModel: 'google/nano-banana-edit', maxPromptLength: 5000 };
    expect(checkCatalogEntry(edit)).toEqual([expect.stringMatching(/needs a reference image, so requiresReference must be true/)]);
    expect(checkCatalogEntry({ ...edit, requiresReference: true })).toEqual([]);
    expect(checkCatalogEntry({ ...edit, requiresReference: true, maxReferences: 0 })).toEqual([
      expect.stringMatching(/maxReferences is 0/),
    ]);
    expect(
      checkCatalogEntry({
        ...entry,
        providerModel: 'seedream/4.5-text-to-image',
        maxReferences: 0,
        maxPromptLength: 3000,
        requiresReference: true,
      }),
    ).toEqual([expect.stringMatching(/takes no reference images, so requiresReference must be false/)]);
  });

  it('refuses a prompt limit above the one KIE documents', () => {
    expect(checkCatalogEntry({ ...entry, maxPromptLength: 20_001 })).toEqual([expect.stringMatching(/maxPromptLength 20001 .*\(20000\)/)]);
    // The catalog's default of 5000 is too long for Seedream 4.5.
    expect(checkCatalogEntry({ ...entry, providerModel: 'seedream/4.5-edit', requiresReference: true, maxPromptLength: 5000 })).toEqual([
      expect.stringMatching(/maxPromptLength 5000 .*\(3000\)/),
    ]);
  });

  it('refuses controls the model has no field for, and ranges wider than it takes', () => {
    const nano = { ...entry, providerModel: 'google/nano-banana', maxReferences: 0 };
    expect(checkCatalogEntry({ ...nano, supportsNegativePrompt: true, seed: true, steps: { min: 1, max: 50 } })).toEqual([
      expect.stringMatching(/takes no negative prompt/),
      expect.stringMatching(/takes no seed/),
      expect.stringMatching(/takes no steps/),
    ]);
    const qwen = { ...nano, providerModel: 'qwen/text-to-image', aspectRatios: ['1:1'], maxPromptLength: 5000, seed: true };
    expect(checkCatalogEntry({ ...qwen, supportsNegativePrompt: true, maxNegativePromptLength: 500, steps: { min: 2, max: 250 } })).toEqual(
      [],
    );
    expect(
      checkCatalogEntry({ ...qwen, supportsNegativePrompt: true, maxNegativePromptLength: 501, guidance: { min: 0, max: 30 } }),
    ).toEqual([expect.stringMatching(/maxNegativePromptLength 501 .*\(500\)/), expect.stringMatching(/guidance 0-30 .*\(0-20\)/)]);
    expect(checkCatalogEntry({ ...qwen, samplers: ['Euler a'], imagesPerTask: 4 })).toEqual([
      expect.stringMatching(/no sampler/),
      expect.stringMatching(/one image per task/),
    ]);
  });

  it('reports every problem of one entry at once', () => {
    const problems = checkCatalogEntry({
      providerModel: 'google/nano-banana',
      aspectRatios: ['7:3'],
      maxReferences: 2,
      requiresReference: true,
      maxPromptLength: 1,
    });
    expect(problems).toHaveLength(3);
  });
});
