import type { Generation } from '../../api/contracts.js';

export interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface MasonryLayout {
  tiles: Tile[];
  height: number;
  columns: number;
}

/** Extreme shapes are clamped, so one banner or sliver cannot make a column unusable. */
const MIN_RATIO = 0.25;
const MAX_RATIO = 4;

/** Width over height of a tile: its first image's own shape, else the shape asked for ('3:4', '13:19'), else square. */
export function tileRatio(g: Pick<Generation, 'images' | 'aspectRatio'>): number {
  const first = g.images[0];
  let ratio = first && first.width > 0 && first.height > 0 ? first.width / first.height : Number.NaN;
  if (!Number.isFinite(ratio)) {
    const [w, h] = g.aspectRatio.split(':').map(Number);
    ratio = w && h ? w / h : 1;
  }
  return Math.min(MAX_RATIO, Math.max(MIN_RATIO, ratio));
}

/** How many columns fit `width` with tiles at least `minColumn` wide (2 at the least, so a phone still shows a grid). */
export function columnCount(width: number, gap: number, minColumn: number, max = 6): number {
  return Math.max(2, Math.min(max, Math.floor((width + gap) / (minColumn + gap))));
}

/**
 * Masonry: each tile, in order, goes to the shortest column, so reading order
 * stays newest first row by row and no column runs far ahead of the others.
 */
export function masonryLayout(ratios: readonly number[], width: number, gap: number, columns: number): MasonryLayout {
  const columnWidth = Math.max(0, (width - gap * (columns - 1)) / columns);
  const heights = new Array<number>(columns).fill(0);
  const tiles = ratios.map((ratio) => {
    let col = 0;
    for (let c = 1; c < columns; c++) if (heights[c]! < heights[col]!) col = c;
    const height = columnWidth / ratio;
    const tile = { x: col * (columnWidth + gap), y: heights[col]!, width: columnWidth, height };
    heights[col] = heights[col]! + height + gap;
    return tile;
  });
  return { tiles, height: Math.max(0, Math.max(...heights) - gap), columns };
}

/** Indexes of the tiles that overlap [top, bottom] (container coordinates), in order. */
export function tilesWithin(tiles: readonly Tile[], top: number, bottom: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < tiles.length; i++) {
    const t = tiles[i]!;
    if (t.y + t.height >= top && t.y <= bottom) out.push(i);
  }
  return out;
}
