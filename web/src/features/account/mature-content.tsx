import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { updateContent } from '../../api/account.js';
import type { Me } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { Button } from '../../components/ui/button.js';
import { CheckboxField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDate } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';

/**
 * Mature content (PATCH /api/me/content): off by default; on only with the
 * user's own 18+ confirmation, recorded with its time. Content involving
 * minors stays refused either way, and the text says so.
 */
export function MatureContent({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [adult, setAdult] = useState(false);
  const save = useMutation({
    mutationFn: updateContent,
    onSuccess: (next) => {
      qc.setQueryData<Me | null>(queryKeys.me, next);
      setAdult(false);
      toast.success(t('settings.saved'));
    },
    onError: (err) => toast.error(t(errorMessageKey(err))),
  });
  const on = me.matureContentAt !== null;
  return (
    <div className="mt-6 space-y-3 border-t border-zinc-900/5 pt-5 dark:border-white/5" data-testid="mature-content">
      <div>
        <h3 className="text-sm font-semibold">{t('settings.mature.title')}</h3>
        <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">{t('settings.mature.hint')}</p>
      </div>
      {on ? (
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm" data-testid="mature-content-state">
            {t('settings.mature.onSince', { date: formatDate(me.matureContentAt, i18n.language) })}
          </p>
          <Button
            variant="secondary"
            size="sm"
            loading={save.isPending}
            onClick={() => save.mutate({ mature: false })}
            data-testid="mature-off"
          >
            {t('settings.mature.turnOff')}
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap items-end gap-3">
          <CheckboxField
            label={t('settings.mature.confirmAdult')}
            checked={adult}
            onChange={(e) => setAdult(e.target.checked)}
            data-testid="mature-confirm-adult"
          />
          <Button
            variant="secondary"
            size="sm"
            disabled={!adult}
            loading={save.isPending}
            onClick={() => save.mutate({ mature: true, confirmAdult: true })}
            data-testid="mature-on"
          >
            {t('settings.mature.turnOn')}
          </Button>
        </div>
      )}
    </div>
  );
}
