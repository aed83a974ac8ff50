import { useState } from 'react';
import { Link } from 'react-router';
import type { Generation } from '../../api/contracts.js';
import { AlertIcon, ClockIcon, CloseIcon } from '../../components/ui/icons.js';
import { hiddenImageClass, MatureCover } from '../../components/ui/mature-cover.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { InReviewPlaceholder } from '../image-moderation/in-review-tiles.js';
import { AlbumTileActions } from './add-to-album.js';
import { FavouriteButton } from './favourite-button.js';
import type { Tile } from './masonry.js';
import { PendingArt } from './pending-art.js';
import { StatusBadge } from './status-badge.js';

/** A tile in the gallery's select mode: picked or not, and how to flip it. */
export interface TileSelect {
  checked: boolean;
  onToggle(id: string): void;
}

/**
 * One tile: a box of the image's own shape placed by the masonry (so
 * nothing jumps when the image loads), the thumbnail or a placeholder, and
 * the status. A mature thumbnail stays blurred under a
 * cover until the user shows it (this page view only); images the check is
 * holding are a placeholder and a count, never a broken image. A heart
 * marks the first image a favourite; in an album's view the tile can make it
 * the cover or take it out.
 */
export function GalleryItem({
  generation: g,
  select,
  albumId,
  tile,
  index,
  setSize,
}: {
  generation: Generation;
  select?: TileSelect;
  albumId?: string;
  tile: Tile;
  index: number;
  /** How many there are in all (-1 while more pages may follow): only some tiles are in the page, so the list says where each stands. */
  setSize: number;
}) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  const first = g.images[0];
  const hidden = Boolean(first?.mature) && !revealed;
  const selectable = g.status === 'succeeded' || g.status === 'failed';
  return (
    <li
      className="absolute top-0 left-0"
      style={{ width: tile.width, height: tile.height, transform: `translate(${tile.x}px, ${tile.y}px)` }}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={setSize}
    >
      <Link
        to={`/g/${g.id}`}
        // In select mode the checkbox over the tile takes clicks and focus instead of the link.
        tabIndex={select ? -1 : undefined}
        aria-hidden={select ? true : undefined}
        data-testid="gallery-item"
        data-id={g.id}
        data-status={g.status}
        className="group relative block size-full overflow-hidden rounded-2xl bg-zinc-100 shadow-sm ring-1 ring-zinc-900/5 transition hover:-translate-y-0.5 hover:shadow-lg hover:shadow-violet-500/10 dark:bg-white/5 dark:ring-white/10"
      >
        {g.status === 'succeeded' && g.thumbnailUrl ? (
          <img
            src={g.thumbnailUrl}
            alt={hidden ? t('imageModeration.mature.hiddenAlt') : t('gallery.imageAlt', { prompt: g.prompt })}
            loading="lazy"
            decoding="async"
            data-testid="gallery-image"
            data-hidden={hidden || undefined}
            className={cn('size-full object-cover transition duration-300', hidden ? hiddenImageClass : 'group-hover:scale-[1.03]')}
          />
        ) : g.status === 'succeeded' && g.inReview > 0 ? (
          <InReviewPlaceholder compact />
        ) : g.status === 'failed' ? (
          <div className="flex size-full flex-col items-center justify-center gap-2 bg-rose-50 p-4 text-center dark:bg-rose-500/5">
            <AlertIcon size={28} className="text-rose-400" />
            <span className="text-xs font-medium text-rose-700 dark:text-rose-300">{t('generation.refunded', { count: g.refunded })}</span>
          </div>
        ) : g.status === 'canceled' ? (
          <div className="flex size-full flex-col items-center justify-center gap-2 bg-zinc-50 p-4 text-center dark:bg-white/5">
            <CloseIcon size={28} className="text-zinc-400" />
            <span className="text-xs font-medium text-zinc-600 dark:text-zinc-300">{t('generation.refunded', { count: g.refunded })}</span>
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
        {g.images.length > 0 && g.inReview > 0 && (
          <span
            className="absolute right-2 bottom-2 inline-flex items-center gap-1 rounded-full bg-amber-500/90 px-2 py-0.5 text-xs font-semibold text-white"
            title={t('imageModeration.inReview.notice')}
            data-testid="in-review-count"
          >
            <ClockIcon size={12} />
            {t('imageModeration.inReview.count', { count: g.inReview })}
          </span>
        )}
        <div className="absolute inset-x-0 bottom-0 bg-gradient-to-t from-black/70 via-black/30 to-transparent p-3 pt-8 opacity-0 transition group-hover:opacity-100 group-focus-visible:opacity-100">
          <p className="line-clamp-2 text-xs font-medium text-white">{g.prompt}</p>
        </div>
      </Link>
      {hidden && g.status === 'succeeded' && g.thumbnailUrl && !select && (
        <MatureCover label={t('imageModeration.mature.show')} onReveal={() => setRevealed(true)} compact className="rounded-2xl" />
      )}
      {select && (
        <label
          className={cn(
            'absolute inset-0 flex cursor-pointer items-start justify-end rounded-2xl p-2 ring-violet-500 ring-offset-2 has-[:focus-visible]:ring-2',
            select.checked && 'bg-violet-500/15 ring-4',
            !selectable && 'cursor-not-allowed',
          )}
          title={selectable ? undefined : t('generation.deleteWhenDone')}
        >
          <input
            type="checkbox"
            checked={select.checked}
            disabled={!selectable}
            onChange={() => select.onToggle(g.id)}
            aria-label={t('gallery.bulk.selectOne', { prompt: g.prompt })}
            data-testid="gallery-select"
            data-id={g.id}
            className="size-5 accent-violet-600"
          />
        </label>
      )}
      {/* In select mode the whole tile is the checkbox's label: no other control on it. */}
      {!select && first && !hidden && (
        <FavouriteButton imageId={first.id} favourite={first.favourite} className="absolute bottom-2 left-2" />
      )}
      {!select && first && albumId && <AlbumTileActions albumId={albumId} imageId={first.id} />}
    </li>
  );
}
