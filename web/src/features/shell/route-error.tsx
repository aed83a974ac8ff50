import { Link, useRouteError } from 'react-router';
import { buttonClass } from '../../components/ui/button.js';
import { AlertIcon } from '../../components/ui/icons.js';
import { Logo } from '../../components/ui/logo.js';
import { useTranslation } from '../../i18n/react.js';

/** Shown when a screen fails to load or throws (for example after a deploy changed chunk names). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <div className="page-glow grid min-h-dvh place-items-center px-6 text-center">
      <div className="max-w-md">
        <Logo className="mb-8 justify-center" />
        <div className="mx-auto mb-4 grid size-12 place-items-center rounded-2xl bg-rose-500/10 text-rose-500">
          <AlertIcon />
        </div>
        <h1 className="text-xl font-semibold">{t('errors.pageTitle')}</h1>
        <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">{t('errors.pageBody')}</p>
        <div className="mt-6 flex justify-center gap-2">
          <button type="button" className={buttonClass('primary')} onClick={() => window.location.reload()}>
            {t('common.reload')}
          </button>
          <Link to="/" className={buttonClass('secondary')}>
            {t('common.goHome')}
          </Link>
        </div>
      </div>
    </div>
  );
}
