import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Generation } from '../../api/contracts.js';
import { AlertIcon } from '../../components/ui/icons.js';
import { cn } from '../../lib/cn.js';
import { ratioOf } from '../../lib/format.js';
import { PendingArt } from '../gallery/pending-art.js';
import { useFailureText } from './failure-text.js';

/** The big picture: the selected image in a box of its own shape, a placeholder, or the failure. */
export function ImageStage({
  generation: g,
  selected,
  onSelect,
}: {
  generation: Generation;
  selected: number;
  onSelect: (i: number) => void;
}) {
  const { t } = useTranslation();
  const image = g.images[selected] ?? g.images[0];
  const ratio = image ? image.width / image.height : ratioOf(g.aspectRatio);
  const [loaded, setLoaded] = useState<string | null>(null);
  const failureText = useFailureText(g);

  return (
    <div>
      <div
        className="relative mx-auto max-h-[75vh] w-full overflow-hidden rounded-2xl bg-zinc-100 shadow-xl ring-1 ring-zinc-900/5 dark:bg-white/5 dark:ring-white/10"
        style={{ aspectRatio: String(ratio), maxWidth: `calc(75vh * ${ratio})` }}
      >
        {g.status === 'succeeded' && image ? (
          <img
            key={image.id}
            src={image.previewUrl}
            alt={t('gallery.imageAlt', { prompt: g.prompt })}
            onLoad={() => setLoaded(image.id)}
            data-testid="detail-image"
            className={cn('size-full object-contain transition-opacity duration-300', loaded === image.id ? 'opacity-100' : 'opacity-0')}
          />
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
              <img src={img.thumbnailUrl} alt="" className="size-full object-cover" loading="lazy" />
            </button>
          ))}
        </fieldset>
      )}
    </div>
  );
}
