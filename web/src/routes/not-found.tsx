import { Link } from 'react-router';
import { buttonClass } from '../components/ui/button.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** Any unknown path. */
export default function NotFoundRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('notFound.title'));
  return (
    <div className="mx-auto max-w-md px-6 py-24 text-center">
      <p className="text-accent-gradient text-6xl font-black">404</p>
      <h1 className="mt-4 text-xl font-semibold">{t('notFound.title')}</h1>
      <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">{t('notFound.body')}</p>
      <Link to="/" className={buttonClass('primary', 'md', 'mt-6')}>
        {t('common.goHome')}
      </Link>
    </div>
  );
}
