import { describe, expect, it } from 'vitest';
import type { Generation } from '../../api/contracts.js';
import { parseSeed, repeatBody, toRequestBody } from './request-body.js';
import { plainModel as base, localModel as local } from './test-models.js';
import { type CreateDraft, draftFrom, emptyDraft } from './use-create-form.js';

const draft: CreateDraft = {
  ...emptyDraft,
  prompt: '  1girl, silver hair  ',
  negativePrompt: 'lowres',
  aspectRatio: '1:1',
  seed: '42',
  tuning: { local: { steps: 40, guidance: 5, strength: 0.4, sampler: 'DPM++ 2M' } },
};

describe('toRequestBody', () => {
  it('sends every control the model takes, as set', () => {
    expect(toRequestBody({ ...draft, modelId: 'local' }, local, ['u1'])).toEqual({
      prompt: '1girl, silver hair',
      negativePrompt: 'lowres',
      model: 'local',
      aspectRatio: '1:1',
      count: 1,
      referenceUploadIds: ['u1'],
      seed: 42,
      steps: 40,
      guidance: 5,
      strength: 0.4,
      sampler: 'DPM++ 2M',
    });
  });

  it('leaves out what the model does not take, so kept values never reach it', () => {
    expect(toRequestBody({ ...draft, modelId: 'plain' }, base, [])).toEqual({
      prompt: '1girl, silver hair',
      model: 'plain',
      aspectRatio: '1:1',
      count: 1,
      referenceUploadIds: [],
    });
  });

  it('sends strength only with a reference, and an empty seed as none (a random one)', () => {
    const body = toRequestBody({ ...draft, modelId: 'local', seed: '' }, local, []);
    expect(body).not.toHaveProperty('strength');
    expect(body).not.toHaveProperty('seed');
  });
});

describe('parseSeed', () => {
  it('takes whole numbers in range only', () => {
    expect(parseSeed(' 2147483647 ')).toBe(2147483647);
    expect(parseSeed('0')).toBe(0);
    for (const bad of ['', '-1', '1.5', '2147483648', 'abc', '1e3']) expect(parseSeed(bad), bad).toBeNull();
  });
});

describe('repeating a generation', () => {
  const g = {
    prompt: 'a fox',
    negativePrompt: null,
    model: 'local',
    aspectRatio: '2:3',
    count: 2,
    seed: 7,
    steps: 30,
    guidance: null,
    strength: null,
    sampler: 'Euler a',
    references: [{ id: 'r1' }],
  } as unknown as Generation;

  it('keeps the settings and drops the seed, so each image gets a new one', () => {
    expect(repeatBody(g, 4)).toEqual({
      prompt: 'a fox',
      model: 'local',
      aspectRatio: '2:3',
      count: 4,
      referenceUploadIds: ['r1'],
      steps: 30,
      sampler: 'Euler a',
    });
  });

  it('Remix keeps the seed, locked, and the tuning under its model', () => {
    const d = draftFrom(g, { ...emptyDraft, tuning: { other: { steps: 9 } } });
    expect(d).toMatchObject({ seed: '7', seedLocked: true, modelId: 'local' });
    expect(d.tuning).toEqual({ other: { steps: 9 }, local: { steps: 30, sampler: 'Euler a' } });
  });
});
