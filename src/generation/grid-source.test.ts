import { describe, expect, it } from 'vitest';
import { defaultModels, imagesPerTaskFor } from './catalog.js';
import { GRID_SOURCE_MAX_AGE_MS, type GridParent, gridSourceOf, usesGridSource } from './grid-source.js';

const now = new Date('2026-12-07T09:00:00Z');
const parent = (over: Partial<GridParent> = {}): GridParent => ({
  position: 6,
  providerModel: 'midjourney/niji6',
  tool: 'text',
  providerTaskIds: ['mj:a', 'mj:b'],
  createdAt: new Date(now.getTime() - 60_000),
  ...over,
});

describe('the grid task a Midjourney tool acts on', () => {
  it('maps image p of a grid generation to task floor(p / 4), place p % 4', () => {
    expect(gridSourceOf(parent(), now)).toEqual({ taskId: 'mj:b', index: 2 });
    expect(gridSourceOf(parent({ position: 3 }), now)).toEqual({ taskId: 'mj:a', index: 3 });
    expect(gridSourceOf(parent({ tool: 'variations', position: 4 }), now)).toEqual({ taskId: 'mj:b', index: 0 });
  });

  it('has none for an upload, another model’s image, an upscaled image or a missing task', () => {
    for (const p of [null, parent({ providerModel: 'google/nano-banana' }), parent({ tool: 'upscale' }), parent({ position: 8 })])
      expect(gridSourceOf(p, now)).toEqual({ problem: expect.stringMatching(/its own grids/) });
  });

  it('has none once the grid is older than 14 days; at 14 days it still does', () => {
    const at = (ms: number) => gridSourceOf(parent({ createdAt: new Date(now.getTime() - ms) }), now);
    expect(at(GRID_SOURCE_MAX_AGE_MS)).toEqual({ taskId: 'mj:b', index: 2 });
    expect(at(GRID_SOURCE_MAX_AGE_MS + 1)).toEqual({ problem: expect.stringMatching(/14 days/) });
  });

  it('is used only for a grid model’s variations and upscale', () => {
    expect(usesGridSource('midjourney/niji6', 'variations')).toBe(true);
    expect(usesGridSource('midjourney/niji6-relaxed', 'upscale')).toBe(true);
    expect(usesGridSource('midjourney/niji6', 'text')).toBe(false);
    expect(usesGridSource('default', 'variations')).toBe(false);
  });
});

describe('images per task by tool', () => {
  const niji = defaultModels.find((m) => m.id === 'niji-6')!;
  it('is a grid for niji 6’s text and variations, one for its upscale', () => {
    expect(imagesPerTaskFor(niji, 'text')).toBe(4);
    expect(imagesPerTaskFor(niji, 'variations')).toBe(4);
    expect(imagesPerTaskFor(niji, 'upscale')).toBe(1);
  });
  it('is one for a one-image model whatever the tool', () => {
    expect(imagesPerTaskFor({ imagesPerTask: 1 }, 'variations')).toBe(1);
  });
});
