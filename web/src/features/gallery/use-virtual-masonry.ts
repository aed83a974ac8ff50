import { useLayoutEffect, useMemo, useState } from 'react';
import { columnCount, type MasonryLayout, masonryLayout, tilesWithin } from './masonry.js';

/** Narrowest a column may get before the grid drops one. */
const MIN_COLUMN = 220;
/**
 * The first page's tiles stay mounted wherever the view is: the grid often
 * starts screens below the fold (under Create's form on a phone), and the
 * newest are the ones people and tests look for.
 */
const PINNED = 24;
/** Scroll positions are read in steps this size, so scrolling re-renders a few times per screen, not every frame. */
const STEP = 200;

/**
 * The masonry for `ratios` in the element's width (a state, not a ref: the
 * grid mounts after its skeleton, and the readings must start then), and which tiles to mount:
 * those within a screen above and below the window's view (the page scrolls,
 * not the grid), plus the first page's and `keep` (the tile holding focus, so it is
 * not unmounted from under the keyboard).
 */
export function useVirtualMasonry(
  el: HTMLElement | null,
  ratios: readonly number[],
  keep: number | null,
): { layout: MasonryLayout; mounted: number[] } {
  const [width, setWidth] = useState(0);
  const [view, setView] = useState({ top: 0, bottom: 0 });

  useLayoutEffect(() => {
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [el]);

  const gap = width >= 640 ? 16 : 12;
  const key = ratios.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the ratios' values (the array is new on every render)
  const layout = useMemo(() => masonryLayout(ratios, width, gap, columnCount(width, gap, MIN_COLUMN)), [key, width, gap]);
  const mounted = useMemo(() => {
    const shown = new Set(tilesWithin(layout.tiles, view.top, view.bottom));
    for (let i = 0; i < Math.min(PINNED, layout.tiles.length); i++) shown.add(i);
    if (keep !== null && keep < layout.tiles.length) shown.add(keep);
    return [...shown].sort((a, b) => a - b);
  }, [layout, view, keep]);
  // Read again when the grid's height changes too: filters, pages loading and panels above it move it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: layout.height is the reason to read again, not a value used
  useLayoutEffect(() => {
    if (!el) return;
    let frame = 0;
    const read = () => {
      frame = 0;
      const screen = window.innerHeight;
      const top = Math.floor((-el.getBoundingClientRect().top - screen) / STEP) * STEP;
      const bottom = top + 3 * screen + 2 * STEP;
      setView((v) => (v.top === top && v.bottom === bottom ? v : { top, bottom }));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(read);
    };
    read();
    window.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }, [el, layout.height]);

  return { layout, mounted };
}
