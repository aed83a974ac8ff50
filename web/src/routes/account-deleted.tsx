import { Link } from 'react-router';
import { buttonClass } from '../components/ui/button.js';
import { CheckIcon } from '../components/ui/icons.js';
import { AuthCard } from '../features/auth/auth-card.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /account-deleted – where account deletion ends: what happened, and the way back. */
export default function AccountDeletedRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('accountDeleted.title'));
  return (
    <AuthCard title={t('accountDeleted.title')}>
      <div className="text-center" data-testid="account-deleted">
        <div className="mx-auto mb-4 grid size-14 place-items-center rounded-full bg-emerald-500 text-white shadow-lg shadow-emerald-500/25">
          <CheckIcon size={28} />
        </div>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('accountDeleted.body')}</p>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{t('accountDeleted.kept')}</p>
        <p className="mt-3 text-sm text-zinc-600 dark:text-zinc-400">{t('accountDeleted.receipt')}</p>
        <div className="mt-6 grid gap-2">
          <Link to="/" className={buttonClass('primary', 'lg', 'w-full')}>
            {t('common.goHome')}
          </Link>
          <Link to="/privacy" className={buttonClass('ghost', 'md', 'w-full')}>
            {t('legal.privacy')}
          </Link>
        </div>
      </div>
    </AuthCard>
  );
}
