import { describe, expect, it } from 'vitest';
import type { Model } from '../../api/contracts.js';
import { localModel, plainModel } from '../create/test-models.js';
import { isComplete, offeredTools, offersFor, type ToolDraft, toolBody } from './tool-offers.js';

const upscaler: Model = {
  ...plainModel,
  id: 'up',
  text: false,
  tools: [{ tool: 'upscale', cost: 5, factors: [2, 4], strength: null }],
};
const remixer: Model = {
  ...localModel,
  id: 'remix',
  aspectRatios: ['1:1', '3:4'],
  tools: [
    { tool: 'variations', cost: 3, factors: [], strength: { min: 0, max: 1, default: 0.8, step: 0.05 } },
    { tool: 'inpaint', cost: 4, factors: [], strength: null },
    { tool: 'character', cost: 4, factors: [], strength: null },
  ],
};
const draft: ToolDraft = {
  prompt: ' a hat ',
  negativePrompt: 'blur',
  strength: 0.5,
  factor: 4,
  aspectRatio: '3:4',
  count: 2,
  masked: true,
};
const image = { kind: 'image', id: 'img-1' } as const;

describe('tool offers', () => {
  it('offers the union of the models’ tools in a fixed order, and nothing else', () => {
    expect(offeredTools([remixer, plainModel, upscaler])).toEqual(['upscale', 'variations', 'inpaint', 'character']);
    expect(offeredTools([plainModel])).toEqual([]);
  });

  it('lists only the models offering a tool', () => {
    expect(offersFor([remixer, upscaler], 'upscale').map((o) => o.model.id)).toEqual(['up']);
  });
});

describe('toolBody', () => {
  it('sends upscale only its source, model and factor (no prompt, count or ratio)', () => {
    const [o] = offersFor([upscaler], 'upscale');
    expect(toolBody('upscale', o!.model, o!.offer, { kind: 'upload', id: 'u-1' }, draft)).toEqual({
      tool: 'upscale',
      model: 'up',
      sourceUploadId: 'u-1',
      factor: 4,
    });
  });

  it('sends variations its prompt, negative prompt, strength and count', () => {
    const [o] = offersFor([remixer], 'variations');
    expect(toolBody('variations', o!.model, o!.offer, image, draft)).toEqual({
      tool: 'variations',
      model: 'remix',
      sourceImageId: 'img-1',
      prompt: ' a hat ',
      negativePrompt: 'blur',
      strength: 0.5,
      count: 2,
    });
  });

  it('sends inpaint no strength (its mask is added when it is run); only character an aspect ratio', () => {
    const [inpaint] = offersFor([remixer], 'inpaint');
    const body = toolBody('inpaint', inpaint!.model, inpaint!.offer, image, draft);
    expect(body).not.toHaveProperty('maskUploadId');
    expect(body).not.toHaveProperty('strength');
    expect(body).not.toHaveProperty('aspectRatio');
    const [character] = offersFor([remixer], 'character');
    expect(toolBody('character', character!.model, character!.offer, image, draft)).toMatchObject({ aspectRatio: '3:4' });
  });

  it('is complete only with a prompt where one is needed and a mask for inpaint', () => {
    expect(isComplete('upscale', { ...draft, prompt: '' })).toBe(true);
    expect(isComplete('variations', { ...draft, prompt: '' })).toBe(true);
    expect(isComplete('edit', { ...draft, prompt: '  ' })).toBe(false);
    expect(isComplete('inpaint', { ...draft, masked: false })).toBe(false);
  });
});
