import { startTransition, useEffect, useState } from 'react';

const loaded = new WeakMap<() => Promise<unknown>, unknown>();

/**
 * A module part fetched once the page is on screen: undefined at build time,
 * during hydration and until its chunk arrives. For what no one sees at first
 * paint (the toasts, a closed menu's panel), so that code stays out of the
 * public pages' first load. `load` must be a module-level function.
 */
export function useAfterMount<T>(load: () => Promise<T>): T | undefined {
  // Nothing on the first render, even when loaded: it must match the prerendered HTML.
  const [value, setValue] = useState<{ v: T } | undefined>(undefined);
  useEffect(() => {
    let mounted = true;
    // As a transition: what it draws is never urgent, and so is drawn in pieces a phone can answer a tap between.
    const show = (v: T) => startTransition(() => setValue({ v }));
    // In a task of its own: starting an import adds the chunk's preload links to the page, work that
    // would otherwise lengthen the task running every effect of the freshly mounted screen.
    const timer = setTimeout(() => {
      if (loaded.has(load)) show(loaded.get(load) as T);
      else
        void load().then((v) => {
          loaded.set(load, v);
          if (mounted) show(v);
        });
    }, 0);
    return () => {
      mounted = false;
      clearTimeout(timer);
    };
  }, [load]);
  return value?.v;
}
