import { NavLink } from 'react-router';
import type { OperatorPermission } from '../../api/contracts.js';
import { ChartIcon, DocumentIcon, LockIcon, MessageIcon, ShieldIcon, UserIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { may } from './permissions.js';

/** The console's sections, each shown only to roles with its permission. */
export const consoleSections = [
  { to: '/admin', end: true, labelKey: 'console.nav.dashboard', permission: 'stats', icon: ChartIcon },
  { to: '/admin/users', end: false, labelKey: 'console.nav.users', permission: 'users.read', icon: UserIcon },
  { to: '/admin/moderation', end: false, labelKey: 'console.nav.moderation', permission: 'moderation', icon: ShieldIcon },
  { to: '/admin/support', end: false, labelKey: 'console.nav.support', permission: 'support', icon: MessageIcon },
  { to: '/admin/privacy-requests', end: false, labelKey: 'console.nav.privacy', permission: 'privacy', icon: LockIcon },
  { to: '/admin/audit', end: false, labelKey: 'console.nav.audit', permission: 'audit', icon: DocumentIcon },
] as const satisfies readonly { to: string; end: boolean; labelKey: string; permission: OperatorPermission; icon: unknown }[];

/** The console's navigation: a side column on wide screens, a row that scrolls sideways on phones. */
export function ConsoleNav({ role }: { role: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('console.nav.label')} className="-mx-4 overflow-x-auto px-4 lg:mx-0 lg:overflow-visible lg:px-0">
      <ul className="flex gap-1 lg:flex-col" data-testid="console-nav">
        {consoleSections
          .filter((s) => may(role, s.permission))
          .map(({ to, end, labelKey, icon: Icon }) => (
            <li key={to}>
              <NavLink
                to={to}
                end={end}
                className={({ isActive }) =>
                  cn(
                    'flex items-center gap-2 rounded-xl px-3 py-2 text-sm font-medium whitespace-nowrap transition',
                    'focus-visible:outline-2 focus-visible:outline-violet-500',
                    isActive
                      ? 'bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-900/5 dark:bg-white/10 dark:text-white dark:ring-white/10'
                      : 'text-zinc-600 hover:bg-zinc-900/5 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/5 dark:hover:text-white',
                  )
                }
              >
                <Icon size={18} />
                {t(labelKey)}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
