import { Link, Navigate } from 'react-router';
import { buttonClass } from '../components/ui/button.js';
import { Card } from '../components/ui/card.js';
import { ClockIcon, CoinsIcon, ShieldIcon, SparklesIcon } from '../components/ui/icons.js';
import { PageSkeleton } from '../components/ui/skeleton.js';
import { useMe, useMeta } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

const features = [
  { icon: ClockIcon, key: 'live' },
  { icon: CoinsIcon, key: 'refunds' },
  { icon: ShieldIcon, key: 'private' },
] as const;

/** Decorative tiles standing in for artwork on the landing page: three staggered columns. */
const columns = [
  ['from-sakura-300 via-fuchsia-300 to-violet-400 aspect-square', 'from-sky-300 via-indigo-300 to-violet-500 aspect-[3/4]'],
  ['from-amber-200 via-rose-300 to-sakura-400 aspect-[3/4]', 'from-violet-400 via-purple-400 to-indigo-500 aspect-square'],
  ['from-teal-200 via-sky-300 to-indigo-400 aspect-square', 'from-rose-300 via-sakura-400 to-purple-500 aspect-[3/4]'],
];

/** / – the landing page for visitors; signed-in users go straight to Create. */
export default function HomeRoute() {
  const { t } = useTranslation();
  const { data: me, isPending } = useMe();
  const { data: meta } = useMeta();
  useDocumentTitle(undefined);
  if (isPending) return <PageSkeleton />;
  if (me) return <Navigate to="/create" replace />;

  return (
    <div className="mx-auto max-w-6xl px-4 sm:px-6">
      <section className="grid items-center gap-12 py-14 sm:py-20 lg:grid-cols-2">
        <div>
          <p className="inline-flex items-center gap-2 rounded-full bg-white/70 px-3 py-1 text-xs font-semibold text-violet-700 ring-1 ring-violet-200 dark:bg-white/5 dark:text-violet-300 dark:ring-white/10">
            <SparklesIcon size={14} /> {t('home.eyebrow')}
          </p>
          <h1 className="mt-5 text-4xl leading-tight font-black tracking-tight sm:text-5xl">
            {t('home.titleStart')} <span className="text-accent-gradient">{t('home.titleAccent')}</span>
          </h1>
          <p className="mt-5 max-w-xl text-lg text-zinc-600 dark:text-zinc-300">{t('home.subtitle')}</p>
          <div className="mt-8 grid gap-3 sm:flex">
            <Link to="/sign-up" className={buttonClass('primary', 'lg')}>
              {t('home.cta')}
            </Link>
            <Link to="/sign-in" className={buttonClass('secondary', 'lg')}>
              {t('header.signIn')}
            </Link>
          </div>
          {/* Its line is kept while the server's figure loads, so nothing below moves when it arrives. */}
          <p className="mt-4 min-h-5 text-sm text-zinc-500 dark:text-zinc-400">
            {meta && t('home.credits', { count: meta.signupCredits })}
          </p>
        </div>
        <div className="relative" aria-hidden="true">
          {/* The glow may spread as far as the page margin, never past the screen's edge (phones would scroll sideways). */}
          <div className="absolute -inset-x-4 -inset-y-6 rounded-[2.5rem] bg-accent-gradient opacity-20 blur-3xl sm:-inset-6" />
          <div className="relative grid grid-cols-3 items-start gap-3 rounded-3xl bg-white/60 p-3 shadow-2xl ring-1 ring-zinc-900/5 backdrop-blur dark:bg-white/5 dark:ring-white/10">
            {columns.map((column, i) => (
              <div key={column.join()} className={i === 1 ? 'space-y-3 pt-10' : 'space-y-3'}>
                {column.map((tile) => (
                  <div key={tile} className={`relative overflow-hidden rounded-2xl bg-gradient-to-br shadow-sm ${tile}`}>
                    <div className="absolute inset-0 bg-[radial-gradient(circle_at_30%_20%,rgba(255,255,255,.55),transparent_45%)]" />
                    <SparklesIcon size={18} className="absolute right-2 bottom-2 text-white/80" />
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      </section>

      <section className="grid gap-4 pb-16 sm:grid-cols-3" aria-label={t('home.featuresLabel')}>
        {features.map(({ icon: Icon, key }) => (
          <Card key={key} className="p-5">
            <div className="mb-3 grid size-10 place-items-center rounded-xl bg-accent-gradient text-white">
              <Icon size={20} />
            </div>
            <h2 className="font-semibold">{t(`home.features.${key}.title`)}</h2>
            <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{t(`home.features.${key}.body`)}</p>
          </Card>
        ))}
      </section>
    </div>
  );
}
