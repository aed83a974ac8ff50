import { useState } from 'react';
import type { Generation } from '../../api/contracts.js';
import { Card } from '../../components/ui/card.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { AddToAlbum } from '../gallery/add-to-album.js';
import { FavouriteButton } from '../gallery/favourite-button.js';
import { StatusBadge } from '../gallery/status-badge.js';
import { useRevealedImages } from '../image-moderation/use-revealed-images.js';
import { ToolLinks } from '../tools/tool-links.js';
import { CopyPrompt } from './copy-prompt.js';
import { useFailureText } from './failure-text.js';
import { GenerationActions } from './generation-actions.js';
import { GenerationFacts } from './generation-facts.js';
import { ImageStage } from './image-stage.js';
import { LineageTree } from './lineage-tree.js';

/** The detail screen's body: the image on one side, prompt, receipt and actions on the other. */
export function GenerationView({ generation: g }: { generation: Generation }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState(0);
  // An image deleted from the batch can leave the pick past the end.
  const selected = Math.min(picked, Math.max(0, g.images.length - 1));
  const failureText = useFailureText(g);
  // Shared by the stage, its thumbnails and the lightbox: shown once, shown everywhere on this page.
  const revealed = useRevealedImages();

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)] lg:items-start">
      <ImageStage generation={g} selected={selected} onSelect={setPicked} revealed={revealed} />
      <Card className="space-y-5 p-5 sm:p-6">
        <div className="flex items-center justify-between gap-3">
          <StatusBadge status={g.status} />
          <span className="sr-only" aria-live="polite">
            {t(`status.${g.status}`)}
          </span>
        </div>
        {g.refunded > 0 && (
          <Notice tone="success" data-testid="refund-note" title={t('generation.refunded', { count: g.refunded })}>
            {g.status === 'failed'
              ? t('generation.refundExplain')
              : g.status === 'canceled'
                ? t('generation.canceledExplain')
                : `${t('generation.partialRefundExplain')} ${failureText ?? ''}`}
          </Notice>
        )}
        <section>
          <div className="flex items-center justify-between gap-2">
            <h2 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{t('generation.prompt')}</h2>
            <CopyPrompt prompt={g.prompt} />
          </div>
          <p className="mt-1.5 text-sm leading-relaxed break-words whitespace-pre-wrap" data-testid="detail-prompt">
            {g.prompt}
          </p>
        </section>
        {g.negativePrompt && (
          <section>
            <h2 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              {t('generation.negativePrompt')}
            </h2>
            <p className="mt-1.5 text-sm leading-relaxed break-words whitespace-pre-wrap text-zinc-600 dark:text-zinc-300">
              {g.negativePrompt}
            </p>
          </section>
        )}
        {(g.sentPrompt !== g.prompt || (g.sentNegativePrompt ?? '') !== (g.negativePrompt ?? '')) && (
          <details className="text-sm" data-testid="sent-prompt">
            <summary className="cursor-pointer text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              {t('generation.sentPrompt')}
            </summary>
            <p className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">{t('generation.sentPromptHint')}</p>
            <p className="mt-1.5 leading-relaxed break-words whitespace-pre-wrap">{g.sentPrompt}</p>
            {g.sentNegativePrompt && (
              <p className="mt-1.5 leading-relaxed break-words whitespace-pre-wrap text-zinc-600 dark:text-zinc-300">
                {t('generation.negativePrompt')}: {g.sentNegativePrompt}
              </p>
            )}
          </details>
        )}
        {g.references.length > 0 && (
          <section>
            <h2 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{t('generation.references')}</h2>
            <div className="mt-2 flex flex-wrap gap-2">
              {g.references.map((r) => (
                <img
                  key={r.id}
                  src={r.url}
                  alt={t('generation.referenceAlt')}
                  className="size-14 rounded-lg object-cover ring-1 ring-zinc-900/10 dark:ring-white/10"
                  loading="lazy"
                />
              ))}
            </div>
          </section>
        )}
        {g.images[selected] && (
          <section className="space-y-3" data-testid="image-workspace">
            <div className="flex items-center gap-2">
              <FavouriteButton imageId={g.images[selected].id} favourite={g.images[selected].favourite} />
              <span className="text-sm text-zinc-600 dark:text-zinc-300">
                {t(g.images[selected].favourite ? 'workspace.isFavourite' : 'workspace.notFavourite')}
              </span>
            </div>
            <AddToAlbum imageId={g.images[selected].id} />
          </section>
        )}
        {g.status === 'succeeded' && g.images[selected] && <ToolLinks imageId={g.images[selected].id} />}
        <LineageTree generationId={g.id} />
        <GenerationFacts generation={g} selected={selected} />
        <GenerationActions generation={g} selected={selected} onImageDeleted={() => setPicked(Math.max(0, selected - 1))} />
      </Card>
    </div>
  );
}
