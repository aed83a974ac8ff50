import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { AlertIcon } from '../../components/ui/icons.js';
import { formatDateTime } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { useMe } from '../session/use-session.js';
import { useOperatorAlerts, useResolveAlert } from './use-alerts.js';

/** For operators only: problems users cannot fix (our provider account is out of credits or its key is refused). */
export function OperatorAlerts() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const { data } = useOperatorAlerts(me?.role === 'admin');
  const resolve = useResolveAlert();
  if (me?.role !== 'admin' || !data?.alerts.length) return null;
  return (
    <div className="border-b border-rose-200/70 bg-rose-50 text-rose-950 dark:border-white/5 dark:bg-rose-500/10 dark:text-rose-100">
      {data.alerts.map((a) => (
        <div
          key={a.id}
          role="alert"
          data-testid="operator-alert"
          className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-2.5 text-sm sm:flex-row sm:items-center sm:gap-3 sm:px-6"
        >
          <p className="flex flex-1 items-start gap-2">
            <AlertIcon size={18} className="mt-0.5 shrink-0 text-rose-600 dark:text-rose-300" />
            <span>
              <strong className="font-semibold">{t('operatorAlert.title', { source: a.source.toUpperCase() })}</strong>{' '}
              {t(a.code === 'insufficient_provider_credits' ? 'operatorAlert.noCredits' : 'operatorAlert.account')}{' '}
              {t('operatorAlert.count', { count: a.occurrences, since: formatDateTime(a.firstAt, i18n.language) })}
            </span>
          </p>
          <Button
            size="sm"
            variant="secondary"
            className="self-end sm:self-auto"
            loading={resolve.isPending && resolve.variables === a.id}
            data-testid="resolve-alert"
            onClick={() => resolve.mutate(a.id, { onError: (err) => toast.error(t(errorMessageKey(err))) })}
          >
            {t('operatorAlert.resolve')}
          </Button>
        </div>
      ))}
    </div>
  );
}
