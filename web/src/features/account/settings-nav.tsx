import { type ComponentType, useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';

export interface SettingsNavItem {
  id: string;
  key: string;
  icon: ComponentType<{ size?: number }>;
}

/** The section list beside Settings on wide screens; the section in view is highlighted. */
export function SettingsNav({ items }: { items: readonly SettingsNavItem[] }) {
  const { t } = useTranslation();
  const [active, setActive] = useState(items[0]?.id);

  useEffect(() => {
    const observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.filter((e) => e.isIntersecting).sort((a, b) => a.boundingClientRect.top - b.boundingClientRect.top);
        if (visible[0]) setActive(visible[0].target.id);
      },
      { rootMargin: '-80px 0px -60% 0px' },
    );
    for (const { id } of items) {
      const el = document.getElementById(id);
      if (el) observer.observe(el);
    }
    return () => observer.disconnect();
  }, [items]);

  return (
    <nav aria-label={t('settings.sectionsLabel')} className="hidden lg:block">
      <ul className="sticky top-24 space-y-0.5">
        {items.map(({ id, key, icon: Icon }) => (
          <li key={id}>
            <a
              href={`#${id}`}
              aria-current={active === id ? 'location' : undefined}
              className={cn(
                'flex items-center gap-2.5 rounded-lg px-3 py-2 text-sm font-medium transition',
                active === id
                  ? 'bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-900/5 dark:bg-white/10 dark:text-white dark:ring-white/10'
                  : 'text-zinc-500 hover:bg-zinc-900/5 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/5 dark:hover:text-white',
              )}
            >
              <Icon size={17} />
              {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
