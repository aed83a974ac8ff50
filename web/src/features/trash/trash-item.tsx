import { useState } from 'react';
import type { Generation } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { GalleryIcon, RestoreIcon, TrashIcon } from '../../components/ui/icons.js';
import { hiddenImageClass, MatureCover } from '../../components/ui/mature-cover.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatRelative } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { daysLeft, useDeleteForever, useRestoreGeneration } from './use-trash.js';

/** One deleted generation: a muted thumbnail, when it goes for good, Restore and Delete forever (after confirmation). */
export function TrashItem({ generation: g, trashDays }: { generation: Generation; trashDays: number }) {
  const { t, i18n } = useTranslation();
  const restore = useRestoreGeneration();
  const forget = useDeleteForever();
  const [confirming, setConfirming] = useState(false);
  const left = daysLeft(g.deletedAt, trashDays);
  // A mature thumbnail stays blurred until shown, as in the gallery.
  const [revealed, setRevealed] = useState(false);
  const hidden = Boolean(g.images[0]?.mature) && !revealed;
  return (
    <li
      data-testid="trash-item"
      data-id={g.id}
      className="group flex flex-col overflow-hidden rounded-2xl bg-white/80 shadow-sm ring-1 ring-zinc-900/5 dark:bg-ink-900/80 dark:ring-white/[0.08]"
    >
      <div className="relative aspect-square overflow-hidden bg-gradient-to-br from-zinc-100 to-zinc-200 dark:from-white/5 dark:to-white/[0.02]">
        {g.thumbnailUrl ? (
          <img
            src={g.thumbnailUrl}
            alt={hidden ? t('imageModeration.mature.hiddenAlt') : t('gallery.imageAlt', { prompt: g.prompt })}
            loading="lazy"
            decoding="async"
            className={cn(
              'size-full object-cover opacity-80 grayscale-[35%] transition group-hover:opacity-100 group-hover:grayscale-0',
              hidden && hiddenImageClass,
            )}
          />
        ) : (
          <div className="grid size-full place-items-center text-zinc-400">
            <GalleryIcon size={28} />
          </div>
        )}
        <div className="absolute top-2 left-2">
          <Badge tone={left <= 1 ? 'danger' : 'neutral'} solid className="shadow-sm backdrop-blur" data-testid="days-left">
            {left === 0 ? t('trash.today') : t('trash.daysLeft', { count: left })}
          </Badge>
        </div>
        {hidden && g.thumbnailUrl && <MatureCover label={t('imageModeration.mature.show')} onReveal={() => setRevealed(true)} compact />}
      </div>
      <div className="flex flex-1 flex-col gap-3 p-3">
        <div className="min-w-0 flex-1">
          <p className="line-clamp-2 text-sm font-medium" title={g.prompt}>
            {g.prompt}
          </p>
          {g.deletedAt && (
            <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
              {t('trash.deletedAgo', { when: formatRelative(g.deletedAt, i18n.language) })}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            size="sm"
            icon={<RestoreIcon size={16} />}
            loading={restore.isPending}
            data-testid="restore"
            onClick={() =>
              restore.mutate(g.id, {
                onSuccess: () => toast.success(t('trash.restored')),
                onError: (err) => toast.error(t(errorMessageKey(err))),
              })
            }
          >
            {t('trash.restore')}
          </Button>
          <Button
            variant="ghost"
            size="sm"
            icon={<TrashIcon size={16} />}
            data-testid="delete-forever"
            className="text-rose-600 dark:text-rose-400"
            onClick={() => setConfirming(true)}
          >
            {t('trash.deleteForever')}
          </Button>
        </div>
        <ConfirmDialog
          open={confirming}
          title={t('trash.deleteForeverTitle')}
          description={t('trash.deleteForeverBody')}
          confirmLabel={t('trash.deleteForever')}
          cancelLabel={t('common.cancel')}
          tone="danger"
          busy={forget.isPending}
          confirmTestId="confirm-delete-forever"
          onClose={() => setConfirming(false)}
          onConfirm={() =>
            forget.mutate(g.id, {
              onSuccess: () => toast.success(t('trash.deletedForever')),
              onError: (err) => {
                setConfirming(false);
                toast.error(t(errorMessageKey(err)));
              },
            })
          }
        />
      </div>
    </li>
  );
}
