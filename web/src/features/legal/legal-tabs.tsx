import { NavLink } from 'react-router';
import type { LegalSlug } from '../../api/contracts.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';

export const legalPages: { slug: LegalSlug; labelKey: string }[] = [
  { slug: 'privacy', labelKey: 'legal.privacy' },
  { slug: 'terms', labelKey: 'legal.terms' },
  { slug: 'cookies', labelKey: 'legal.cookies' },
];

/** Switches between the three legal pages. */
export function LegalTabs() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('legal.navLabel')} className="mb-6 flex gap-1 overflow-x-auto rounded-xl bg-zinc-900/[0.04] p-1 dark:bg-white/5">
      {legalPages.map((p) => (
        <NavLink
          key={p.slug}
          to={`/${p.slug}`}
          className={({ isActive }) =>
            cn(
              'flex-1 rounded-lg px-3 py-1.5 text-center text-sm font-medium whitespace-nowrap transition',
              isActive
                ? 'bg-white text-zinc-900 shadow-sm dark:bg-white/10 dark:text-white'
                : 'text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
            )
          }
        >
          {t(p.labelKey)}
        </NavLink>
      ))}
    </nav>
  );
}
