import { Link, NavLink, useLocation } from 'react-router';
import { buttonClass } from '../../components/ui/button.js';
import { LogOutIcon } from '../../components/ui/icons.js';
import { Logo } from '../../components/ui/logo.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { useMe, useSignOut } from '../session/use-session.js';
import { BalancePill } from './balance-pill.js';
import { navItems } from './nav-items.js';
import { ShellMenu } from './shell-menu.js';

/** The sticky top bar: brand, sections (desktop), balance and account. */
export function AppHeader() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const signOut = useSignOut();
  const { pathname } = useLocation();

  return (
    <header className="sticky top-0 z-30 border-b border-zinc-900/5 bg-[#faf7ff]/80 backdrop-blur-xl dark:border-white/[0.06] dark:bg-ink-950/75">
      <div className="mx-auto flex h-16 max-w-6xl items-center gap-4 px-4 sm:px-6">
        <Link to={me ? '/create' : '/'} className="flex rounded-lg" aria-label={t('header.home')}>
          <Logo />
        </Link>

        {me && (
          <nav aria-label={t('nav.label')} data-testid="main-nav" className="ml-4 hidden items-center gap-1 md:flex">
            {navItems.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                className={({ isActive }) =>
                  cn(
                    'rounded-lg px-3 py-2 text-sm font-medium transition',
                    isActive
                      ? 'bg-zinc-900/5 text-zinc-900 dark:bg-white/10 dark:text-white'
                      : 'text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white',
                  )
                }
              >
                {t(item.labelKey)}
              </NavLink>
            ))}
          </nav>
        )}

        <div className="ml-auto flex items-center gap-2">
          {me && (
            <>
              <BalancePill credits={me.credits} />
              <Link
                to="/settings"
                className="grid size-9 place-items-center rounded-full bg-gradient-to-br from-violet-500 to-sakura-500 text-sm font-bold text-white uppercase shadow-sm"
                aria-label={t('header.account', { name: me.name })}
                title={me.email}
              >
                {me.name.trim().charAt(0) || '?'}
              </Link>
              <button
                type="button"
                onClick={() => signOut.mutate()}
                disabled={signOut.isPending}
                data-testid="sign-out"
                className={buttonClass('ghost', 'sm', 'size-9 px-0 max-md:hidden')}
                aria-label={t('header.signOut')}
                title={t('header.signOut')}
              >
                <LogOutIcon size={18} />
              </button>
              <ShellMenu />
            </>
          )}
          {!me && !isPending && (
            <>
              <ShellMenu />
              {/* Offer the other door: no "Sign in" on the sign-in page; on phones one button only. */}
              {pathname !== '/sign-in' && (
                <Link to="/sign-in" className={buttonClass('ghost', 'sm', pathname === '/sign-up' ? '' : 'max-sm:hidden')}>
                  {t('header.signIn')}
                </Link>
              )}
              {pathname !== '/sign-up' && (
                <Link to="/sign-up" className={buttonClass('primary', 'sm')}>
                  {t('header.signUp')}
                </Link>
              )}
            </>
          )}
        </div>
      </div>
    </header>
  );
}
