import { NavLink } from 'react-router';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { useMe } from '../session/use-session.js';
import { navItems } from './nav-items.js';

/** The phone-sized bottom tab bar (hidden from md up, where the header shows the sections). */
export function TabBar() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <nav
      aria-label={t('nav.label')}
      data-testid="tab-bar"
      // Exactly 4rem tall (border included) above the safe area: the Create page's sticky cost bar sits at that height, touching it.
      className="fixed inset-x-0 bottom-0 z-30 h-[calc(4rem+env(safe-area-inset-bottom))] border-t border-zinc-900/5 bg-white/85 pb-[env(safe-area-inset-bottom)] backdrop-blur-xl md:hidden dark:border-white/[0.06] dark:bg-ink-950/85"
    >
      <ul className="mx-auto grid h-full max-w-md grid-cols-4">
        {navItems.map(({ to, labelKey, icon: Icon }) => (
          <li key={to}>
            <NavLink
              to={to}
              className={({ isActive }) =>
                cn(
                  'flex h-full flex-col items-center justify-center gap-0.5 text-[11px] font-medium transition',
                  isActive ? 'text-sakura-600 dark:text-sakura-400' : 'text-zinc-500 dark:text-zinc-400',
                )
              }
            >
              <Icon size={22} />
              {t(labelKey)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
