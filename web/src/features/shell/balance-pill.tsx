import { Link } from 'react-router';
import { CoinsIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { formatNumber } from '../../lib/format.js';

/** The live credit balance in the header; links to the ledger. */
export function BalancePill({ credits }: { credits: number }) {
  const { t, i18n } = useTranslation();
  return (
    <Link
      to="/credits"
      className="group inline-flex items-center gap-1.5 rounded-full bg-white/80 py-1 pr-3 pl-1 text-sm font-semibold shadow-sm ring-1 ring-zinc-900/5 transition hover:ring-sakura-300 dark:bg-white/5 dark:ring-white/10 dark:hover:ring-sakura-400/50"
      aria-label={t('header.balanceLabel', { count: credits })}
    >
      <span className="grid size-6 place-items-center rounded-full bg-accent-gradient text-white">
        <CoinsIcon size={14} />
      </span>
      <span data-testid="balance" className="tabular-nums" aria-live="polite">
        {formatNumber(credits, i18n.language)}
      </span>
    </Link>
  );
}
