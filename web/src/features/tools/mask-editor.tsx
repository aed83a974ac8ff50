import { type PointerEvent as ReactPointerEvent, useEffect, useRef } from 'react';
import { Button } from '../../components/ui/button.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { drawStrokes, type Point, type Stroke, toSource, visibleStrokes } from './mask-strokes.js';
import type { BrushMode, MaskEditorState } from './use-mask-editor.js';
import { MAX_ZOOM, MIN_ZOOM, useViewTransform, zoomAt } from './use-view-transform.js';

/** Paint shows in this colour; the canvas is drawn opaque and shown translucent, so overlaps look even. */
const PAINT = '#ec4899';

type Gesture =
  | { kind: 'stroke'; stroke: Stroke }
  | { kind: 'pan'; x: number; y: number }
  | { kind: 'pinch'; distance: number; mid: { x: number; y: number }; zoom: number; vx: number; vy: number }
  | null;

interface MaskEditorProps {
  src: string;
  alt: string;
  natural: { width: number; height: number };
  state: MaskEditorState;
}

/**
 * Paint over the source where it should change. Pointer events serve mouse,
 * pen and touch alike; two fingers pinch to zoom and pan. Strokes are kept in
 * the source's pixels (mask-strokes.ts), so the exported mask is exact.
 */
export function MaskEditor({ src, alt, natural, state }: MaskEditorProps) {
  const { t } = useTranslation();
  const viewport = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<Gesture>(null);
  const { view, update } = useViewTransform();
  const { history, mode, size, feather } = state;

  const box = () => viewport.current?.getBoundingClientRect() ?? { left: 0, top: 0, width: 1, height: 1 };
  const ctx = () => canvas.current?.getContext('2d') ?? null;

  const redraw = () => {
    const c = ctx();
    if (!c) return;
    c.clearRect(0, 0, natural.width, natural.height);
    drawStrokes(c, visibleStrokes(history), PAINT, null);
  };
  // The whole mask is redrawn on each history step (undo, redo, clear, a finished stroke).
  // biome-ignore lint/correctness/useExhaustiveDependencies: redraw reads exactly these
  useEffect(redraw, [history, natural]);

  // Ctrl+wheel (and a trackpad's pinch, which browsers send as one) zooms at the cursor; a wheel alone pans once zoomed.
  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      const b = el.getBoundingClientRect();
      if (e.ctrlKey || e.metaKey) {
        e.preventDefault();
        update((v) => zoomAt(v, v.zoom * Math.exp(-e.deltaY / 300), e.clientX - b.left, e.clientY - b.top), b);
      } else if (view.zoom > 1) {
        e.preventDefault();
        update((v) => ({ ...v, x: v.x - e.deltaX, y: v.y - e.deltaY }), b);
      }
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [update, view.zoom]);

  const pointOf = (e: { clientX: number; clientY: number }): Point => {
    const rect = canvas.current?.getBoundingClientRect() ?? box();
    return toSource({ x: e.clientX, y: e.clientY }, rect, natural);
  };

  /** Draws the newest segment of the stroke in progress. */
  const drawTail = (stroke: Stroke) => {
    const c = ctx();
    if (c) drawStrokes(c, [{ ...stroke, points: stroke.points.slice(-2) }], PAINT, null);
  };

  const onPointerDown = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.current.size === 2) {
      // A second finger turns the gesture into pinch-and-pan; the half-drawn stroke is dropped.
      if (gesture.current?.kind === 'stroke') redraw();
      const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
      gesture.current = {
        kind: 'pinch',
        distance: Math.hypot(a.x - b.x, a.y - b.y),
        mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
        zoom: view.zoom,
        vx: view.x,
        vy: view.y,
      };
      return;
    }
    if (pointers.current.size > 2) return;
    if (mode === 'pan' || e.button === 1) {
      gesture.current = { kind: 'pan', x: e.clientX, y: e.clientY };
      return;
    }
    if (e.button !== 0) return;
    const stroke: Stroke = { kind: mode === 'erase' ? 'erase' : 'paint', size, points: [pointOf(e)] };
    gesture.current = { kind: 'stroke', stroke };
    drawTail(stroke);
  };

  const onPointerMove = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    if (!pointers.current.has(e.pointerId)) return;
    pointers.current.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const g = gesture.current;
    if (!g) return;
    const b = box();
    if (g.kind === 'stroke') {
      g.stroke.points.push(pointOf(e));
      drawTail(g.stroke);
    } else if (g.kind === 'pan') {
      const [dx, dy] = [e.clientX - g.x, e.clientY - g.y];
      gesture.current = { kind: 'pan', x: e.clientX, y: e.clientY };
      update((v) => ({ ...v, x: v.x + dx, y: v.y + dy }), b);
    } else if (pointers.current.size === 2) {
      const [p, q] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const mid = { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
      const zoom = (g.zoom * Math.hypot(p.x - q.x, p.y - q.y)) / Math.max(1, g.distance);
      const start = { zoom: g.zoom, x: g.vx + (mid.x - g.mid.x), y: g.vy + (mid.y - g.mid.y) };
      update(() => zoomAt(start, zoom, mid.x - b.left, mid.y - b.top), b);
    }
  };

  const onPointerEnd = (e: ReactPointerEvent<HTMLCanvasElement>) => {
    pointers.current.delete(e.pointerId);
    const g = gesture.current;
    if (g?.kind === 'stroke') state.add(g.stroke);
    // Lifting one finger of a pinch leaves the other panning, not painting.
    const [rest] = [...pointers.current.values()];
    gesture.current = rest && g?.kind !== 'stroke' ? { kind: 'pan', ...rest } : null;
  };

  const zoomBy = (factor: number) => {
    const b = box();
    update((v) => zoomAt(v, v.zoom * factor, b.width / 2, b.height / 2), b);
  };

  const modes: { value: BrushMode; label: string }[] = [
    { value: 'paint', label: t('maskEditor.brush') },
    { value: 'erase', label: t('maskEditor.eraser') },
    { value: 'pan', label: t('maskEditor.pan') },
  ];

  return (
    <div className="space-y-3" data-testid="mask-editor">
      <div
        ref={viewport}
        className="relative overflow-hidden rounded-xl bg-zinc-100 ring-1 ring-zinc-900/10 dark:bg-white/5 dark:ring-white/10"
        style={{ aspectRatio: `${natural.width} / ${natural.height}` }}
      >
        <div className="absolute inset-0 origin-top-left" style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.zoom})` }}>
          <img src={src} alt={alt} className="block size-full select-none" draggable={false} />
          <canvas
            ref={canvas}
            width={natural.width}
            height={natural.height}
            aria-label={t('maskEditor.canvas')}
            role="img"
            data-testid="mask-canvas"
            className={cn('absolute inset-0 size-full opacity-50', mode === 'pan' ? 'cursor-grab' : 'cursor-crosshair')}
            style={{ touchAction: 'none' }}
            onPointerDown={onPointerDown}
            onPointerMove={onPointerMove}
            onPointerUp={onPointerEnd}
            onPointerCancel={onPointerEnd}
          />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <fieldset className="flex gap-1 rounded-xl bg-zinc-900/[0.04] p-1 dark:bg-white/5">
          <legend className="sr-only">{t('maskEditor.mode')}</legend>
          {modes.map((m) => (
            <button
              key={m.value}
              type="button"
              aria-pressed={mode === m.value}
              onClick={() => state.setMode(m.value)}
              data-testid={`mask-${m.value}`}
              className={cn(
                'rounded-lg px-3 py-1.5 text-sm font-medium transition focus-visible:outline-2 focus-visible:outline-violet-500',
                mode === m.value
                  ? 'bg-white text-zinc-900 shadow-sm dark:bg-white/10 dark:text-white'
                  : 'text-zinc-600 hover:text-zinc-900 dark:text-zinc-300 dark:hover:text-white',
              )}
            >
              {m.label}
            </button>
          ))}
        </fieldset>
        <Button variant="secondary" size="sm" onClick={state.undo} disabled={history.done.length === 0} data-testid="mask-undo">
          {t('maskEditor.undo')}
        </Button>
        <Button variant="secondary" size="sm" onClick={state.redo} disabled={history.undone.length === 0} data-testid="mask-redo">
          {t('maskEditor.redo')}
        </Button>
        <Button variant="secondary" size="sm" onClick={state.clear} data-testid="mask-clear">
          {t('maskEditor.clear')}
        </Button>
        <span className="ml-auto flex items-center gap-1">
          <Button
            variant="ghost"
            size="sm"
            onClick={() => zoomBy(1 / 1.5)}
            disabled={view.zoom <= MIN_ZOOM}
            aria-label={t('maskEditor.zoomOut')}
          >
            −
          </Button>
          <output className="w-12 text-center text-sm tabular-nums" aria-label={t('maskEditor.zoom')}>
            {Math.round(view.zoom * 100)}%
          </output>
          <Button
            variant="ghost"
            size="sm"
            onClick={() => zoomBy(1.5)}
            disabled={view.zoom >= MAX_ZOOM}
            aria-label={t('maskEditor.zoomIn')}
          >
            +
          </Button>
        </span>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <Slider
          label={t('maskEditor.size')}
          value={size}
          min={4}
          max={Math.max(64, Math.round(natural.width / 4))}
          onChange={state.setSize}
        />
        <Slider label={t('maskEditor.feather')} value={feather} min={0} max={32} onChange={state.setFeather} />
      </div>
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('maskEditor.hint')}</p>
    </div>
  );
}

function Slider(props: { label: string; value: number; min: number; max: number; onChange: (n: number) => void }) {
  return (
    <label className="block text-sm">
      <span className="flex justify-between font-medium text-zinc-800 dark:text-zinc-200">
        {props.label}
        <span className="tabular-nums text-zinc-500 dark:text-zinc-400">{props.value}px</span>
      </span>
      <input
        type="range"
        className="mt-1 w-full accent-violet-600"
        min={props.min}
        max={props.max}
        value={props.value}
        onChange={(e) => props.onChange(Number(e.target.value))}
      />
    </label>
  );
}
