import { startTransition, useEffect, useState } from 'react';

/**
 * False for a component's first render, true right after it is on screen.
 * What waits for it (a side column below the fold on a phone) is drawn in a
 * task of its own, as a transition, instead of lengthening the screen's first
 * one: a phone answers a tap between the two.
 */
export function useAfterFirstPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setTimeout(() => startTransition(() => setPainted(true)), 0));
    return () => cancelAnimationFrame(frame);
  }, []);
  return painted;
}
