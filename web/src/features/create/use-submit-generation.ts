import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../api/contracts.js';
import { submitGeneration } from '../../api/generations.js';
import { queryKeys } from '../../api/query-keys.js';
import { upsertGeneration } from '../gallery/gallery-cache.js';

/** Submits a generation; it appears in the gallery at once as queued and the balance drops. */
export function useSubmitGeneration() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: submitGeneration,
    onSuccess: (generation) => {
      upsertGeneration(qc, generation);
      // The live `credits` event brings the exact balance; this keeps the header right meanwhile.
      qc.setQueryData<Me | null>(queryKeys.me, (me) => (me ? { ...me, credits: Math.max(0, me.credits - generation.cost) } : me));
      void qc.invalidateQueries({ queryKey: queryKeys.credits });
      // The prompt just sent is now the newest in the history.
      void qc.invalidateQueries({ queryKey: ['prompt-history'] });
    },
  });
}
