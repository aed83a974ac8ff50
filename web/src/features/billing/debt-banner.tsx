import { Link } from 'react-router';
import { AlertIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { formatNumber } from '../../lib/format.js';
import { useMe } from '../session/use-session.js';

/** Explains a negative balance (a disputed payment took back credits already spent) and why creating is paused. */
export function DebtBanner() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  if (!me || me.credits >= 0) return null;
  return (
    <div
      data-testid="debt-banner"
      role="status"
      className="border-b border-rose-200/70 bg-rose-50 text-rose-900 dark:border-white/5 dark:bg-rose-500/10 dark:text-rose-100"
    >
      <div className="mx-auto flex max-w-6xl items-center justify-center gap-2 px-4 py-2 text-center text-xs sm:text-sm">
        <AlertIcon size={16} className="shrink-0" />
        <p>
          <strong className="font-semibold">{t('billing.debt.title', { balance: formatNumber(me.credits, i18n.language) })}</strong>{' '}
          {t('billing.debt.body')}{' '}
          <Link to="/credits" className="font-semibold underline underline-offset-2">
            {t('billing.debt.link')}
          </Link>
        </p>
      </div>
    </div>
  );
}
