import { useSyncExternalStore } from 'react';

const noSubscription = () => () => {};

/**
 * True while React renders the calling component to HTML (the build's
 * prerender) or hydrates it from that HTML; false on every other render.
 * React hydrates a prerendered page's screen in a pass of its own after the
 * root's, so an answer can arrive in between: what the build could not know
 * must wait for this to turn false, or the screen no longer matches its HTML.
 */
export function useHydrating(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
}
