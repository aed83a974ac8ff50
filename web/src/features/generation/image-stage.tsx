import { useState } from 'react';
import { Link } from 'react-router';
import type { Generation } from '../../api/contracts.js';
import { AlertIcon, CloseIcon, ZoomInIcon } from '../../components/ui/icons.js';
import { hiddenImageClass, MatureCover } from '../../components/ui/mature-cover.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { ratioOf } from '../../lib/format.js';
import { PendingArt } from '../gallery/pending-art.js';
import { InReviewPlaceholder, InReviewTiles } from '../image-moderation/in-review-tiles.js';
import type { RevealedImages } from '../image-moderation/use-revealed-images.js';
import { useFailureText } from './failure-text.js';
import { Lightbox } from './lightbox.js';

/**
 * The big picture: the selected image in a box of its own shape (a click
 * opens the lightbox), a placeholder, or the failure. A mature image stays
 * blurred under a cover until shown; images the check holds are placeholders.
 */
export function ImageStage({
  generation: g,
  selected,
  onSelect,
  revealed,
}: {
  generation: Generation;
  selected: number;
  onSelect: (i: number) => void;
  revealed: RevealedImages;
}) {
  const { t } = useTranslation();
  const image = g.images[selected] ?? g.images[0];
  const ratio = image ? image.width / image.height : ratioOf(g.aspectRatio);
  const [loaded, setLoaded] = useState<string | null>(null);
  const failureText = useFailureText(g);
  const [viewing, setViewing] = useState(false);
  const alt = t('gallery.imageAlt', { prompt: g.prompt });
  const hidden = image ? revealed.isHidden(image) : false;
  // With nothing to show, the stage itself stands for the first held image.
  const heldTiles = g.images.length > 0 ? g.inReview : g.inReview - 1;

  return (
    <div>
      <div
        className="relative mx-auto max-h-[75vh] w-full overflow-hidden rounded-2xl bg-zinc-100 shadow-xl ring-1 ring-zinc-900/5 dark:bg-white/5 dark:ring-white/10"
        style={{ aspectRatio: String(ratio), maxWidth: `calc(75vh * ${ratio})` }}
      >
        {g.status === 'succeeded' && image ? (
          <>
            <button
              type="button"
              onClick={() => setViewing(true)}
              title={t('lightbox.open')}
              disabled={hidden}
              data-testid="open-lightbox"
              className="group relative block size-full cursor-zoom-in focus-visible:outline-2 focus-visible:outline-offset-[-4px] focus-visible:outline-violet-500"
            >
              <img
                key={image.id}
                src={image.previewUrl}
                alt={hidden ? t('imageModeration.mature.hiddenAlt') : alt}
                onLoad={() => setLoaded(image.id)}
                data-testid="detail-image"
                data-hidden={hidden || undefined}
                className={cn(
                  'size-full object-contain transition-opacity duration-300',
                  loaded === image.id ? 'opacity-100' : 'opacity-0',
                  hidden && hiddenImageClass,
                )}
              />
              <span className="absolute right-3 bottom-3 grid size-9 place-items-center rounded-full bg-black/50 text-white opacity-0 transition group-hover:opacity-100 group-focus-visible:opacity-100">
                <ZoomInIcon size={18} />
                <span className="sr-only">{t('lightbox.open')}</span>
              </span>
            </button>
            {hidden && <MatureCover label={t('imageModeration.mature.show')} onReveal={() => revealed.reveal(image.id)} />}
          </>
        ) : g.status === 'succeeded' && g.inReview > 0 ? (
          <InReviewPlaceholder />
        ) : g.status === 'failed' ? (
          <div
            className="flex size-full flex-col items-center justify-center gap-3 bg-rose-50 p-6 text-center dark:bg-rose-500/5"
            role="status"
          >
            <AlertIcon size={36} className="text-rose-400" />
            <p className="font-semibold text-rose-800 dark:text-rose-200">{t('generation.failedTitle')}</p>
            <p className="max-w-sm text-sm text-rose-700/80 dark:text-rose-300/80" data-testid="failure-reason">
              {failureText}
            </p>
            <Link
              to={`/support?generation=${encodeURIComponent(g.id)}`}
              className="text-sm font-semibold text-rose-800 underline-offset-2 hover:underline dark:text-rose-200"
              data-testid="get-help"
            >
              {t('generation.getHelp')}
            </Link>
          </div>
        ) : g.status === 'canceled' ? (
          <div
            className="flex size-full flex-col items-center justify-center gap-3 bg-zinc-50 p-6 text-center dark:bg-white/5"
            role="status"
            data-testid="canceled-stage"
          >
            <CloseIcon size={36} className="text-zinc-400" />
            <p className="font-semibold text-zinc-700 dark:text-zinc-200">{t('generation.canceledTitle')}</p>
          </div>
        ) : (
          <PendingArt status={g.status} />
        )}
      </div>
      {g.images.length > 1 && (
        <fieldset className="mt-3 flex justify-center gap-2">
          <legend className="sr-only">{t('generation.pickImage')}</legend>
          {g.images.map((img, i) => (
            <button
              key={img.id}
              type="button"
              onClick={() => onSelect(i)}
              aria-pressed={i === selected}
              aria-label={t('generation.imageN', { n: i + 1 })}
              className={cn(
                'size-16 overflow-hidden rounded-xl ring-2 transition',
                i === selected ? 'ring-violet-500' : 'ring-transparent opacity-70 hover:opacity-100',
              )}
            >
              <img
                src={img.thumbnailUrl}
                alt=""
                className={cn('size-full object-cover', revealed.isHidden(img) && hiddenImageClass)}
                loading="lazy"
              />
            </button>
          ))}
        </fieldset>
      )}
      {g.status === 'succeeded' && heldTiles > 0 && <InReviewTiles count={heldTiles} className="mt-3" />}
      {g.status === 'succeeded' && g.images.length > 0 && (
        <Lightbox
          revealed={revealed}
          open={viewing}
          images={g.images}
          index={Math.min(selected, g.images.length - 1)}
          alt={alt}
          onIndexChange={onSelect}
          onClose={() => setViewing(false)}
        />
      )}
    </div>
  );
}
