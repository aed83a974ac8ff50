import { useState } from 'react';
import { TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { formatNumber } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { parseDelta } from './credit-delta.js';
import { ReasonDialog } from './reason-dialog.js';
import { useAdjustCredits } from './use-console.js';

/**
 * Adds credits to an account or takes them back, as one ledger entry with a
 * reason. The submit is sent with one Idempotency-Key for as long as amount
 * and reason stay the same, so a retry or a double click moves credits once.
 */
export function AdjustCreditsDialog({ userId, balance, onClose }: { userId: string; balance: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [amount, setAmount] = useState('');
  const adjust = useAdjustCredits(userId);
  const delta = parseDelta(amount);
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <ReasonDialog
      title={t('console.credits.title')}
      description={t('console.credits.body', { balance: n(balance) })}
      confirmLabel={t('console.credits.confirm')}
      busy={adjust.isPending}
      error={adjust.error}
      ready={delta !== null}
      testId="adjust-credits"
      onClose={onClose}
      onConfirm={(reason) => {
        if (delta === null) return;
        adjust.mutate(
          { delta, reason },
          {
            onSuccess: (result) => {
              adjust.reset();
              toast.success(
                result.applied
                  ? t('console.credits.done', { delta: `${result.delta > 0 ? '+' : ''}${n(result.delta)}`, balance: n(result.balance) })
                  : t('console.credits.already', { balance: n(result.balance) }),
              );
              onClose();
            },
          },
        );
      }}
    >
      <TextField
        label={t('console.credits.amount')}
        hint={t('console.credits.amountHint')}
        autoComplete="off"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
        error={amount.trim() && delta === null ? t('console.credits.amountInvalid') : null}
        data-testid="credit-delta"
      />
    </ReasonDialog>
  );
}
