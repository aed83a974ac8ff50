import { useCallback, useState } from 'react';

/**
 * Which mature images the user chose to show on this page view. Nothing is
 * kept: a new visit starts with every mature image blurred again.
 */
export function useRevealedImages() {
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(() => new Set());
  const isHidden = useCallback((image: { id: string; mature: boolean }) => image.mature && !revealed.has(image.id), [revealed]);
  const reveal = useCallback((id: string) => setRevealed((s) => new Set(s).add(id)), []);
  return { isHidden, reveal };
}
export type RevealedImages = ReturnType<typeof useRevealedImages>;
