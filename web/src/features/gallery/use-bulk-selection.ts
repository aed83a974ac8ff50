import { useCallback, useMemo, useState } from 'react';

/** The gallery's select mode: whether it is on and which generations are picked (at most `max`). */
export interface BulkSelection {
  active: boolean;
  selected: ReadonlySet<string>;
  start(): void;
  /** Leaves select mode and forgets the picks. */
  stop(): void;
  toggle(id: string): void;
  /** Picks all of these (the loaded, finished generations), up to the limit. */
  selectAll(ids: string[]): void;
  clear(): void;
}

export const MAX_SELECTED = 500;

export function useBulkSelection(): BulkSelection {
  const [active, setActive] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const start = useCallback(() => setActive(true), []);
  const clear = useCallback(() => setSelected(new Set()), []);
  const stop = useCallback(() => {
    setActive(false);
    setSelected(new Set());
  }, []);
  const toggle = useCallback(
    (id: string) =>
      setSelected((s) => {
        const next = new Set(s);
        if (next.has(id)) next.delete(id);
        else if (next.size < MAX_SELECTED) next.add(id);
        return next;
      }),
    [],
  );
  const selectAll = useCallback((ids: string[]) => setSelected(new Set(ids.slice(0, MAX_SELECTED))), []);
  return useMemo(
    () => ({ active, selected, start, stop, toggle, selectAll, clear }),
    [active, selected, start, stop, toggle, selectAll, clear],
  );
}
