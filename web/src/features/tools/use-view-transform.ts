import { useCallback, useState } from 'react';

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;

export interface View {
  zoom: number;
  x: number;
  y: number;
}

/** Keeps the zoomed image covering the viewport: no panning past its edges. */
export function clampView(v: View, width: number, height: number): View {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, v.zoom));
  const clamp = (n: number, size: number) => Math.min(0, Math.max(size - size * zoom, n));
  return { zoom, x: clamp(v.x, width), y: clamp(v.y, height) };
}

/** Zooms to `zoom` keeping the point (px, py) of the viewport where it is on screen. */
export function zoomAt(v: View, zoom: number, px: number, py: number): View {
  const k = zoom / v.zoom;
  return { zoom, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
}

/** Zoom and pan of the mask editor's viewport, clamped to its size. */
export function useViewTransform() {
  const [view, setView] = useState<View>({ zoom: 1, x: 0, y: 0 });
  const update = useCallback(
    (next: (v: View) => View, box: { width: number; height: number }) => setView((v) => clampView(next(v), box.width, box.height)),
    [],
  );
  return { view, update };
}
