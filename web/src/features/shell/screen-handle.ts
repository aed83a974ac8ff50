import type { ComponentType } from 'react';
import { useMatches } from 'react-router';

/**
 * What a signed-in screen may name besides its component: its `Frame`, the
 * screen as it looks before its data (the page's title and the shapes of what
 * loads). The build draws it into the screen's HTML and the shell shows it
 * while the session loads, so the page keeps its shape on the way in.
 */
export interface ScreenHandle {
  Frame?: ComponentType;
}

/** The frame of the screen being shown, once its code is loaded. */
export function useScreenFrame(): ComponentType | undefined {
  return (useMatches().at(-1)?.handle as ScreenHandle | undefined)?.Frame;
}
