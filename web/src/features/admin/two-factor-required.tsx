import { Link } from 'react-router';
import { ApiError } from '../../api/client.js';
import { buttonClass } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { LockIcon } from '../../components/ui/icons.js';
import { LoadError } from '../../components/ui/load-error.js';
import { useTranslation } from '../../i18n/react.js';

/** True when the server refused an operator route because the account signs in without a second factor. */
export const isTwoFactorRequired = (err: unknown): boolean => err instanceof ApiError && err.code === 'two_factor_required';

/** What an operator without two-factor sign-in sees instead of the console: why, and where to turn it on. */
export function TwoFactorRequired() {
  const { t } = useTranslation();
  return (
    <Card className="mx-auto max-w-xl p-6 text-center sm:p-8" data-testid="console-two-factor-required">
      <div className="mx-auto mb-4 grid size-14 place-items-center rounded-2xl bg-accent-gradient text-white shadow-lg shadow-sakura-500/20">
        <LockIcon size={26} />
      </div>
      <h1 className="text-xl font-semibold">{t('console.twoFactor.title')}</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{t('console.twoFactor.body')}</p>
      <Link to="/settings#security" className={buttonClass('primary', 'md', 'mt-6')} data-testid="console-two-factor-link">
        {t('console.twoFactor.action')}
      </Link>
    </Card>
  );
}

/** A console screen's failed load: the two-factor page when that is why, otherwise the error with a retry. */
export function ConsoleLoadError({ error, onRetry }: { error: unknown; onRetry: () => unknown }) {
  return isTwoFactorRequired(error) ? <TwoFactorRequired /> : <LoadError error={error} onRetry={onRetry} />;
}
