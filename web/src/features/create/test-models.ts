import type { Model, Range } from '../../api/contracts.js';

/** Models for the Create form's unit tests: one that takes only a prompt, one that takes every control. */
const range = (min: number, max: number, def: number): Range => ({ min, max, default: def, step: 1 });

export const plainModel: Model = {
  id: 'plain',
  name: 'Plain',
  cost: 2,
  family: 'natural',
  aspectRatios: ['1:1'],
  maxReferences: 0,
  referenceRole: 'edit',
  requiresReference: false,
  supportsNegativePrompt: false,
  maxPromptLength: 5000,
  maxNegativePromptLength: 5000,
  seed: false,
  steps: null,
  guidance: null,
  strength: null,
  samplers: [],
  mask: false,
  imagesPerTask: 1,
  text: true,
  tools: [],
};

export const localModel: Model = {
  ...plainModel,
  id: 'local',
  name: 'Local',
  family: 'sdxl',
  maxReferences: 1,
  supportsNegativePrompt: true,
  seed: true,
  steps: range(1, 150, 28),
  guidance: range(1, 30, 6),
  strength: { min: 0, max: 1, default: 0.75, step: 0.05 },
  samplers: ['Euler a', 'DPM++ 2M'],
};
