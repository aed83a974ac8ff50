import { errorMessageKey } from '../../api/errors.js';
import { ActionBanner } from '../../components/ui/action-banner.js';
import { Button } from '../../components/ui/button.js';
import { AlertIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { useMe } from '../session/use-session.js';
import { alertsShownTo, useOperatorAlerts, useResolveAlert } from './use-alerts.js';

/** For operators only: problems users cannot fix (our provider account is out of credits or its key is refused). */
export function OperatorAlerts() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const shown = alertsShownTo(me);
  const { data } = useOperatorAlerts(shown);
  const resolve = useResolveAlert();
  if (!shown || !data?.alerts.length) return null;
  return data.alerts.map((a) => (
    <ActionBanner
      key={a.id}
      tone="rose"
      role="alert"
      data-testid="operator-alert"
      icon={<AlertIcon size={18} />}
      action={
        <Button
          size="sm"
          variant="secondary"
          loading={resolve.isPending && resolve.variables === a.id}
          data-testid="resolve-alert"
          onClick={() => resolve.mutate(a.id, { onError: (err) => toast.error(t(errorMessageKey(err))) })}
        >
          {t('operatorAlert.resolve')}
        </Button>
      }
    >
      <strong className="font-semibold">{t('operatorAlert.title', { source: a.source.toUpperCase() })}</strong>{' '}
      {t(a.code === 'insufficient_provider_credits' ? 'operatorAlert.noCredits' : 'operatorAlert.account')}{' '}
      {t('operatorAlert.count', { count: a.occurrences, since: formatDateTime(a.firstAt, i18n.language) })}
    </ActionBanner>
  ));
}
