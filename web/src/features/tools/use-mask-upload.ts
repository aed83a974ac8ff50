import { useState } from 'react';
import { uploadReference } from '../../api/generations.js';
import { exportMask } from './mask-export.js';
import { type MaskHistory, visibleStrokes } from './mask-strokes.js';

/**
 * Uploads the mask when the tool is run, and only then: the quote needs no
 * mask (it prices inpaint the same whatever is painted), so painting stores
 * nothing on the server. `upload` answers the upload's id, or null when it
 * failed (then `failed` says so until the next try).
 */
export function useMaskUpload(history: MaskHistory, natural: { width: number; height: number } | null, feather: number) {
  const [state, setState] = useState({ busy: false, failed: false });
  const upload = async (): Promise<string | null> => {
    if (!natural) return null;
    setState({ busy: true, failed: false });
    try {
      const blob = await exportMask(visibleStrokes(history), natural, feather);
      const { id } = await uploadReference(new File([blob], 'mask.png', { type: 'image/png' }));
      setState({ busy: false, failed: false });
      return id;
    } catch {
      setState({ busy: false, failed: true });
      return null;
    }
  };
  return { ...state, upload };
}
