import { useId, useRef } from 'react';
import { buttonClass } from '../../components/ui/button.js';
import { GlobeIcon, MenuIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { useAfterMount } from '../../lib/after-mount.js';
import { cn } from '../../lib/cn.js';
import { useMe } from '../session/use-session.js';

/** Its inside shows only once opened: that code comes after the first paint. */
const loadPanel = async () => (await import('./menu-panel.js')).MenuPanel;

/**
 * The header's menu. Everyone can switch language and theme from it (a
 * visitor has no Settings page); on phones, where the header has no room for
 * the account buttons, a signed-in user also signs out here. A native popover:
 * it closes on Escape and on a tap outside, and sits above the page without
 * moving it.
 */
export function ShellMenu() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  const MenuPanel = useAfterMount(loadPanel);

  return (
    <>
      <button
        type="button"
        popoverTarget={id}
        data-testid="shell-menu-button"
        className={buttonClass('ghost', 'sm', cn('size-9 px-0', me && 'md:hidden'))}
        aria-label={t(me ? 'header.menu' : 'header.preferences')}
        title={t(me ? 'header.menu' : 'header.preferences')}
      >
        {me ? <MenuIcon size={20} /> : <GlobeIcon size={20} />}
      </button>
      <div
        id={id}
        ref={panel}
        popover="auto"
        data-testid="shell-menu"
        aria-label={t(me ? 'header.menu' : 'header.preferences')}
        role="dialog"
        className="inset-auto top-[4.25rem] right-[max(1rem,calc((100vw-72rem)/2+1.5rem))] m-0 w-72 max-w-[calc(100vw-2rem)] rounded-2xl bg-white p-4 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/10 dark:bg-ink-850 dark:text-zinc-100 dark:ring-white/10"
      >
        {MenuPanel && <MenuPanel onClose={() => panel.current?.hidePopover()} />}
      </div>
    </>
  );
}
