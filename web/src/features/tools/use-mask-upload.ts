import { useEffect, useState } from 'react';
import { uploadReference } from '../../api/generations.js';
import { exportMask } from './mask-export.js';
import { hasPaint, type MaskHistory, visibleStrokes } from './mask-strokes.js';

/** How long painting must rest before the mask is uploaded: once per pause, not per stroke. */
const SETTLE_MS = 500;

/**
 * Keeps an uploaded copy of the mask in step with the editor, so the quote
 * (which checks the mask) shows before submitting. `id` is null while the
 * mask is empty or its newest version is still on its way.
 */
export function useMaskUpload(history: MaskHistory, natural: { width: number; height: number } | null, feather: number) {
  const [state, setState] = useState<{ id: string | null; busy: boolean; failed: boolean }>({ id: null, busy: false, failed: false });
  const painted = hasPaint(history);
  useEffect(() => {
    if (!natural || !painted) {
      setState({ id: null, busy: false, failed: false });
      return;
    }
    setState({ id: null, busy: true, failed: false });
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const blob = await exportMask(visibleStrokes(history), natural, feather);
        const upload = await uploadReference(new File([blob], 'mask.png', { type: 'image/png' }), controller.signal);
        if (!controller.signal.aborted) setState({ id: upload.id, busy: false, failed: false });
      } catch {
        if (!controller.signal.aborted) setState({ id: null, busy: false, failed: true });
      }
    }, SETTLE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [history, natural, feather, painted]);
  return state;
}
