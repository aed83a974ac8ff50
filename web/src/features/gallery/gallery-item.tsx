import { Link } from 'react-router';
import type { Generation } from '../../api/contracts.js';
import { AlertIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { PendingArt } from './pending-art.js';
import { StatusBadge } from './status-badge.js';

/** One tile: a fixed square box (no layout jump), the thumbnail or a placeholder, and the status. */
export function GalleryItem({ generation: g }: { generation: Generation }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link
        to={`/g/${g.id}`}
        data-testid="gallery-item"
        data-id={g.id}
        data-status={g.status}
        className="group relative block aspect-square overflow-hidden rounded-2xl bg-zinc-100 shadow-sm ring-1 ring-zinc-900/5 transition hover:-translate-y-0.5 hover:shadow-lg hover:shadow-violet-500/10 dark:bg-white/5 dark:ring-white/10"
      >
        {g.status === 'succeeded' && g.thumbnailUrl ? (
          <img
            src={g.thumbnailUrl}
            alt={t('gallery.imageAlt', { prompt: g.prompt })}
            loading="lazy"
            decoding="async"
            className="size-full object-cover transition duration-300 group-hover:scale-[1.03]"
          />
        ) : g.status === 'failed' ? (
          <div className="flex size-full flex-col items-center justify-center gap-2 bg-rose-50 p-4 text-center dark:bg-rose-500/5">
            <AlertIcon size={28} className="text-rose-400" />
            <span className="text-xs font-medium text-rose-700 dark:text-rose-300">{t('generation.refunded', { count: g.refunded })}</span>
          </div>
        ) : (
          <PendingArt status={g.status} />
        )}
        <div className="absolute top-2 left-2">
          <StatusBadge status={g.status} solid className="shadow-sm backdrop-blur" />
        </div>
        {g.images.length > 1 && (
          <span className="absolute top-2 right-2 rounded-full bg-black/55 px-2 py-0.5 text-xs font-semibold text-white backdrop-blur">
            ×{g.images.length}
          </span>
        )}
        <div className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/70 via-black/30 to-transparent p-3 pt-8 opacity-0 transition group-hover:opacity-100 group-focus-visible:opacity-100">
          <p className="line-clamp-2 text-xs font-medium text-white">{g.prompt}</p>
        </div>
      </Link>
    </li>
  );
}
