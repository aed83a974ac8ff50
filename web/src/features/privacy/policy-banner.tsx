import { Link } from 'react-router';
import { errorMessageKey } from '../../api/errors.js';
import { ActionBanner } from '../../components/ui/action-banner.js';
import { Button } from '../../components/ui/button.js';
import { ShieldIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { useMe } from '../session/use-session.js';
import { useAcknowledgePolicy, usePolicyStatus } from './use-policy.js';

/** For signed-in users after a material privacy policy change, until they acknowledge it. */
export function PolicyBanner() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { data: status } = usePolicyStatus(Boolean(me));
  const acknowledge = useAcknowledgePolicy();
  if (!me || !status?.mustAcknowledge) return null;
  return (
    <ActionBanner
      tone="violet"
      data-testid="policy-banner"
      role="status"
      icon={<ShieldIcon size={18} />}
      action={
        <Button
          size="sm"
          variant="secondary"
          loading={acknowledge.isPending}
          data-testid="policy-acknowledge"
          onClick={() => acknowledge.mutate(status.version, { onError: (err) => toast.error(t(errorMessageKey(err))) })}
        >
          {t('policyBanner.acknowledge')}
        </Button>
      }
    >
      <strong className="font-semibold">{t('policyBanner.title')}</strong> {t('policyBanner.body', { version: status.version })}{' '}
      <Link to="/privacy" className="font-semibold underline underline-offset-2">
        {t('policyBanner.read')}
      </Link>
    </ActionBanner>
  );
}
