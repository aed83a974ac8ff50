import { useEffect, useState } from 'react';

/** The image's own width and height once it has loaded (the mask must match them); `failed` if it cannot load. */
export function useNaturalSize(src: string) {
  const [state, setState] = useState<{ src: string; size: { width: number; height: number } | null; failed: boolean }>({
    src,
    size: null,
    failed: false,
  });
  useEffect(() => {
    const img = new Image();
    img.onload = () => setState({ src, size: { width: img.naturalWidth, height: img.naturalHeight }, failed: false });
    img.onerror = () => setState({ src, size: null, failed: true });
    img.src = src;
    return () => {
      img.onload = null;
      img.onerror = null;
    };
  }, [src]);
  return state.src === src ? state : { size: null, failed: false };
}
