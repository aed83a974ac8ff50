import { useSyncExternalStore } from 'react';

/**
 * Whether tag suggestions keep Danbooru's underscores (`long_hair`) or show
 * and insert spaces (`long hair`, the default). A preference of this device
 * only, kept in localStorage.
 */
const KEY = 'animegen.tagUnderscores';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return localStorage.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export function setKeepTagUnderscores(keep: boolean): void {
  try {
    localStorage.setItem(KEY, keep ? '1' : '0');
  } catch {
    // Private mode or storage full: the choice still applies until the page closes.
  }
  current = keep;
  for (const l of listeners) l();
}

let current: boolean | null = null;
const snapshot = () => {
  current ??= read();
  return current;
};
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The preference, re-rendering when it changes. */
export function useKeepTagUnderscores(): boolean {
  return useSyncExternalStore(subscribe, snapshot, () => false);
}
