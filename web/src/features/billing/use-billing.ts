import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { fulfilCheckout, getBilling, startCheckout } from '../../api/billing.js';
import type { Me } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { useTranslation } from '../../i18n/react.js';
import { formatNumber } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';

/** Whether buying is possible, the packs on sale and the user's purchases. */
export function useBilling() {
  return useQuery({ queryKey: queryKeys.billing, queryFn: getBilling });
}

/** Starts a checkout and sends the browser to Stripe's page; it stays pending while the page leaves. */
export function useBuyPack() {
  return useMutation({
    mutationFn: startCheckout,
    onSuccess: ({ url }) => window.location.assign(url),
  });
}

/**
 * Back from Stripe (`/credits?checkout=success&session_id=…` or `?checkout=cancel`):
 * confirms the purchase once, says how it went, updates the balance and
 * removes the query so a reload does not repeat it. The webhook may have
 * credited it already; confirming again is harmless.
 */
export function useCheckoutReturn() {
  const [params, setParams] = useSearchParams();
  const qc = useQueryClient();
  const { t, i18n } = useTranslation();
  const handled = useRef(false);
  const confirm = useMutation({
    mutationFn: fulfilCheckout,
    onSuccess: (r) => {
      qc.setQueryData<Me | null>(queryKeys.me, (me) => (me ? { ...me, credits: r.balance } : me));
      void qc.invalidateQueries({ queryKey: queryKeys.credits });
      void qc.invalidateQueries({ queryKey: queryKeys.billing });
      if (r.status === 'paid') {
        toast.success(
          t('billing.return.paid', { count: r.credits }),
          t('billing.return.balance', { balance: formatNumber(r.balance, i18n.language) }),
        );
      } else toast.info(t('billing.return.processing'));
    },
    onError: (err) => toast.error(t('billing.return.failed'), t(errorMessageKey(err))),
  });

  const outcome = params.get('checkout');
  const sessionId = params.get('session_id');
  useEffect(() => {
    if (handled.current || !outcome) return;
    handled.current = true;
    if (outcome === 'success' && sessionId) confirm.mutate(sessionId);
    else if (outcome === 'cancel') toast.info(t('billing.return.cancelled'));
    setParams({}, { replace: true });
  }, [outcome, sessionId, confirm, setParams, t]);

  return confirm;
}
