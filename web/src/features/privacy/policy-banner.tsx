import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ShieldIcon } from '../../components/ui/icons.js';
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
    <div
      data-testid="policy-banner"
      role="status"
      className="border-b border-violet-200/70 bg-violet-50 text-violet-950 dark:border-white/5 dark:bg-violet-500/10 dark:text-violet-100"
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-2.5 text-sm sm:flex-row sm:items-center sm:gap-3 sm:px-6">
        <p className="flex flex-1 items-start gap-2">
          <ShieldIcon size={18} className="mt-0.5 shrink-0 text-violet-600 dark:text-violet-300" />
          <span>
            <strong className="font-semibold">{t('policyBanner.title')}</strong> {t('policyBanner.body', { version: status.version })}{' '}
            <Link to="/privacy" className="font-semibold underline underline-offset-2">
              {t('policyBanner.read')}
            </Link>
          </span>
        </p>
        <Button
          size="sm"
          variant="secondary"
          className="self-end sm:self-auto"
          loading={acknowledge.isPending}
          data-testid="policy-acknowledge"
          onClick={() => acknowledge.mutate(status.version, { onError: (err) => toast.error(t(errorMessageKey(err))) })}
        >
          {t('policyBanner.acknowledge')}
        </Button>
      </div>
    </div>
  );
}
