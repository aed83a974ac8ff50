/**
 * The mask editor's model: strokes in the source image's own pixels (so the
 * export is exact whatever the zoom), and an undo history of whole strokes
 * and clears. Pure, so the drawing and the tests share it.
 */

export type Point = readonly [x: number, y: number];
export interface Stroke {
  kind: 'paint' | 'erase';
  /** Diameter in source pixels. */
  size: number;
  points: Point[];
}
export type MaskAction = Stroke | { kind: 'clear' };

export interface MaskHistory {
  done: MaskAction[];
  undone: MaskAction[];
}

export const emptyHistory: MaskHistory = { done: [], undone: [] };

/** A new action drops the redo branch, as in every editor. */
export const push = (h: MaskHistory, action: MaskAction): MaskHistory => ({ done: [...h.done, action], undone: [] });

export function undo(h: MaskHistory): MaskHistory {
  const last = h.done.at(-1);
  return last ? { done: h.done.slice(0, -1), undone: [...h.undone, last] } : h;
}

export function redo(h: MaskHistory): MaskHistory {
  const next = h.undone.at(-1);
  return next ? { done: [...h.done, next], undone: h.undone.slice(0, -1) } : h;
}

/** Clearing an empty mask is no action (nothing to undo). */
export const clear = (h: MaskHistory): MaskHistory => (visibleStrokes(h).length === 0 ? h : push(h, { kind: 'clear' }));

/** The strokes on screen: those since the last clear. */
export function visibleStrokes(h: MaskHistory): Stroke[] {
  const from = h.done.findLastIndex((a) => a.kind === 'clear');
  return h.done.slice(from + 1) as Stroke[];
}

/** True when something is painted (an eraser alone leaves nothing to change). */
export const hasPaint = (h: MaskHistory) => visibleStrokes(h).some((s) => s.kind === 'paint');

/** A pointer position in the element's box → source pixels, clamped to the image. */
export function toSource(
  client: { x: number; y: number },
  box: { left: number; top: number; width: number; height: number },
  natural: { width: number; height: number },
): Point {
  const x = ((client.x - box.left) / box.width) * natural.width;
  const y = ((client.y - box.top) / box.height) * natural.height;
  return [Math.min(natural.width, Math.max(0, x)), Math.min(natural.height, Math.max(0, y))];
}

/** Minimal 2D-context surface the strokes are drawn with (a real canvas, or a fake in tests). */
export interface StrokeTarget {
  globalCompositeOperation: GlobalCompositeOperation;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  fillStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  arc(x: number, y: number, r: number, start: number, end: number): void;
  stroke(): void;
  fill(): void;
}

/**
 * Draws strokes: paint in `paint`, erase either as `erase` colour (the export,
 * black) or by cutting through (the on-screen overlay, `erase` null).
 */
export function drawStrokes(ctx: StrokeTarget, strokes: readonly Stroke[], paint: string, erase: string | null): void {
  for (const s of strokes) {
    const cut = s.kind === 'erase' && erase === null;
    ctx.globalCompositeOperation = cut ? 'destination-out' : 'source-over';
    const colour = s.kind === 'paint' ? paint : (erase ?? '#000');
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = s.size;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    const [first, ...rest] = s.points;
    if (!first) continue;
    ctx.beginPath();
    if (rest.length === 0) {
      // A tap is a dot, which a zero-length line would not draw.
      ctx.arc(first[0], first[1], s.size / 2, 0, Math.PI * 2);
      ctx.fill();
    } else {
      ctx.moveTo(first[0], first[1]);
      for (const p of rest) ctx.lineTo(p[0], p[1]);
      ctx.stroke();
    }
  }
  ctx.globalCompositeOperation = 'source-over';
}
