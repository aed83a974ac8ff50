import { describe, expect, it } from 'vitest';
import { columnCount, masonryLayout, tileRatio, tilesWithin } from './masonry.js';

const image = (width: number, height: number) => ({ width, height }) as unknown as Parameters<typeof tileRatio>[0]['images'][number];

describe('the gallery masonry', () => {
  it("takes a tile's shape from its first image, else from the aspect ratio asked for", () => {
    expect(tileRatio({ images: [image(768, 1024)], aspectRatio: '1:1' })).toBeCloseTo(0.75);
    expect(tileRatio({ images: [], aspectRatio: '13:19' })).toBeCloseTo(13 / 19);
    expect(tileRatio({ images: [], aspectRatio: 'auto' })).toBe(1);
    expect(tileRatio({ images: [image(4000, 100)], aspectRatio: '1:1' })).toBe(4);
  });

  it('puts each tile in the shortest column, keeping every shape', () => {
    const { tiles, height } = masonryLayout([1, 0.5, 1, 2], 210, 10, 2);
    expect(tiles.map((t) => [t.x, t.y, t.width, t.height])).toEqual([
      [0, 0, 100, 100],
      [110, 0, 100, 200],
      [0, 110, 100, 100],
      [110, 210, 100, 50],
    ]);
    expect(height).toBe(260);
    expect(tilesWithin(tiles, 150, 240)).toEqual([1, 2, 3]);
  });

  it('fits columns to the width, at least two', () => {
    expect(columnCount(1200, 16, 240)).toBe(4);
    expect(columnCount(358, 12, 240)).toBe(2);
    expect(columnCount(5000, 16, 240)).toBe(6);
  });
});
