import { useEffect, useState } from 'react';

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
    if (loaded.has(load)) setValue({ v: loaded.get(load) as T });
    else
      void load().then((v) => {
        loaded.set(load, v);
        if (mounted) setValue({ v });
      });
    return () => {
      mounted = false;
    };
  }, [load]);
  return value?.v;
}
