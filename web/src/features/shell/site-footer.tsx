import { Link } from 'react-router';
import { Logo } from '../../components/ui/logo.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';

const links = [
  { to: '/privacy', key: 'legal.privacy' },
  { to: '/terms', key: 'legal.terms' },
  { to: '/cookies', key: 'legal.cookies' },
  { to: '/privacy-request', key: 'footer.privacyRequest' },
] as const;

/** Links to the legal pages and the privacy request form, on every page (signed in or not). */
export function SiteFooter({ aboveTabBar }: { aboveTabBar: boolean }) {
  const { t } = useTranslation();
  return (
    <footer
      data-testid="site-footer"
      className={cn('border-t border-zinc-900/5 dark:border-white/[0.06]', aboveTabBar ? 'pb-24 md:pb-0' : '')}
    >
      <div className="mx-auto flex max-w-6xl flex-col gap-4 px-4 py-6 text-sm text-zinc-500 sm:flex-row sm:items-center sm:justify-between sm:px-6 dark:text-zinc-400">
        <div className="flex items-center gap-3">
          <Logo compact className="opacity-80 [&_svg]:size-6" />
          <span>{t('footer.tagline')}</span>
        </div>
        <nav aria-label={t('footer.label')}>
          <ul className="flex flex-wrap gap-x-5 gap-y-2">
            {links.map((l) => (
              <li key={l.to}>
                <Link to={l.to} className="font-medium hover:text-zinc-900 hover:underline dark:hover:text-white">
                  {t(l.key)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}
