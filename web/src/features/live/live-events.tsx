import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Generation, LiveEvent, Me } from '../../api/contracts.js';
import { liveEventsUrl } from '../../api/generations.js';
import { queryKeys } from '../../api/query-keys.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { removeGeneration, upsertGeneration } from '../gallery/gallery-cache.js';
import { refreshLineages } from '../generation/use-lineage.js';

function parse(data: string): LiveEvent | null {
  try {
    const event = JSON.parse(data) as LiveEvent;
    return event && typeof event === 'object' && typeof event.type === 'string' ? event : null;
  } catch {
    return null;
  }
}

/**
 * Listens to the server's live events while signed in and applies them to the
 * query cache: generation status, deletions and the credit balance. A toast
 * (an aria-live region) announces generations that finish or fail.
 */
export function LiveEvents(): null {
  const qc = useQueryClient();
  const { t } = useTranslation();
  const tRef = useRef(t);
  tRef.current = t;
  // Bumped to open a fresh stream after the browser gave up on one.
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    void attempt;
    const source = new EventSource(liveEventsUrl, { withCredentials: true });
    let dropped = false;

    const onGeneration = (next: Generation) => {
      const before = qc.getQueryData<Generation>(queryKeys.generation(next.id));
      upsertGeneration(qc, next);
      if (before?.status === next.status) return;
      refreshLineages(qc, next);
      if (next.status === 'succeeded') toast.success(tRef.current('live.succeeded'), next.prompt.slice(0, 80));
      if (next.status === 'failed') {
        toast.error(tRef.current('live.failed'), tRef.current('generation.refunded', { count: next.refunded }));
      }
    };

    source.onmessage = (message: MessageEvent<string>) => {
      const event = parse(message.data);
      if (!event) return;
      switch (event.type) {
        case 'generation':
          onGeneration(event.generation);
          break;
        case 'generation_restored':
          // Restored from the trash (maybe in another tab): show it again, silently.
          upsertGeneration(qc, event.generation);
          refreshLineages(qc);
          void qc.invalidateQueries({ queryKey: queryKeys.trash });
          break;
        case 'generation_deleted':
          removeGeneration(qc, event.id);
          refreshLineages(qc);
          break;
        case 'credits':
          qc.setQueryData<Me | null>(queryKeys.me, (me) => (me ? { ...me, credits: event.balance } : me));
          void qc.invalidateQueries({ queryKey: queryKeys.credits });
          break;
        default:
          break;
      }
    };
    let retry: ReturnType<typeof setTimeout> | undefined;
    source.onerror = () => {
      dropped = true;
      // The browser retries network drops itself, but not an HTTP error (a
      // restart mid-deploy, an ended session): check the session, then retry.
      if (source.readyState === EventSource.CLOSED) {
        void qc.invalidateQueries({ queryKey: queryKeys.me });
        retry = setTimeout(() => setAttempt((n) => n + 1), 5000);
      }
    };
    // After a dropped connection, catch up on anything we missed.
    source.onopen = () => {
      if (!dropped) return;
      dropped = false;
      void qc.invalidateQueries({ queryKey: queryKeys.generations });
      void qc.invalidateQueries({ queryKey: queryKeys.me });
    };
    return () => {
      clearTimeout(retry);
      source.close();
    };
  }, [qc, attempt]);

  return null;
}
