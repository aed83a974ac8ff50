import { useEffect, useState } from 'react';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { DownloadIcon, HeartIcon, TrashIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { useMeta } from '../session/use-session.js';
import { useBulkDelete, useBulkDownload, useBulkOrganise } from './use-bulk-actions.js';
import type { BulkSelection } from './use-bulk-selection.js';
import { useGallery } from './use-gallery.js';
import { useAlbums } from './use-workspace.js';

const finished = (status: string) => status === 'succeeded' || status === 'failed';

/**
 * The select mode's toolbar: how many are picked (announced to screen
 * readers), select all loaded, Download ZIP, Delete (after confirmation) and
 * Done (or Escape). Sticks to the bottom of the screen while the grid scrolls.
 */
export function BulkBar({ selection }: { selection: BulkSelection }) {
  const { t } = useTranslation();
  const { data } = useGallery();
  const [confirming, setConfirming] = useState(false);
  const remove = useBulkDelete();
  const zip = useBulkDownload();
  const organise = useBulkOrganise();
  const albums = useAlbums().data?.items ?? [];
  const trashDays = useMeta().data?.trashDays ?? 0;
  const ids = [...selection.selected];
  const count = ids.length;
  const loaded = (data?.pages ?? []).flatMap((p) => p.items).filter((g) => finished(g.status));
  const allPicked = loaded.length > 0 && loaded.every((g) => selection.selected.has(g.id));
  const { stop } = selection;

  // Escape leaves select mode (the confirmation, while open, takes Escape for itself).
  useEffect(() => {
    if (confirming) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) stop();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [confirming, stop]);

  const onDelete = () =>
    remove.mutate(ids, {
      onSuccess: ({ affected }) => {
        setConfirming(false);
        selection.clear();
        toast.success(t(trashDays > 0 ? 'gallery.bulk.movedToTrash' : 'gallery.bulk.deleted', { count: affected }));
      },
      onError: (err) => {
        setConfirming(false);
        toast.error(t(errorMessageKey(err)));
      },
    });
  const onOrganise = (albumId?: string) =>
    organise.mutate(
      { ids, albumId },
      {
        onSuccess: ({ affected }) => {
          const album = albums.find((a) => a.id === albumId)?.name;
          toast.success(
            album ? t('gallery.bulk.addedToAlbum', { count: affected, album }) : t('gallery.bulk.favourited', { count: affected }),
          );
        },
        onError: (err) => toast.error(t(errorMessageKey(err))),
      },
    );
  const onDownload = () => zip.mutate(ids, { onError: (err) => toast.error(t(errorMessageKey(err))) });

  return (
    <section
      aria-label={t('gallery.bulk.toolbar')}
      className="sticky bottom-4 z-20 mt-6 flex flex-wrap items-center gap-2 rounded-2xl bg-white/95 p-3 shadow-lg ring-1 ring-zinc-900/10 backdrop-blur dark:bg-zinc-900/95 dark:ring-white/10"
      data-testid="bulk-bar"
    >
      <p className="mr-auto text-sm font-medium" aria-live="polite" data-testid="bulk-count">
        {t('gallery.bulk.selected', { count })}
      </p>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => (allPicked ? selection.clear() : selection.selectAll(loaded.map((g) => g.id)))}
        disabled={loaded.length === 0}
        data-testid="bulk-select-all"
      >
        {t(allPicked ? 'gallery.bulk.selectNone' : 'gallery.bulk.selectAll')}
      </Button>
      <Button
        variant="secondary"
        size="sm"
        icon={<DownloadIcon size={16} />}
        onClick={onDownload}
        disabled={count === 0}
        loading={zip.isPending}
        data-testid="bulk-download"
      >
        {t('gallery.bulk.download')}
      </Button>
      <Button
        variant="secondary"
        size="sm"
        icon={<HeartIcon size={16} />}
        onClick={() => onOrganise()}
        disabled={count === 0 || organise.isPending}
        data-testid="bulk-favourite"
      >
        {t('gallery.bulk.favourite')}
      </Button>
      {albums.length > 0 && (
        <select
          aria-label={t('gallery.bulk.album')}
          value=""
          disabled={count === 0 || organise.isPending}
          onChange={(e) => e.target.value && onOrganise(e.target.value)}
          data-testid="bulk-album"
          className="h-8 rounded-lg bg-white px-2 text-sm ring-1 ring-zinc-900/10 dark:bg-zinc-900 dark:ring-white/10"
        >
          <option value="">{t('gallery.bulk.album')}</option>
          {albums.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      )}
      <Button
        variant="secondary"
        size="sm"
        icon={<TrashIcon size={16} />}
        onClick={() => setConfirming(true)}
        disabled={count === 0}
        data-testid="bulk-delete"
        className="text-rose-600 dark:text-rose-400"
      >
        {t('gallery.bulk.delete')}
      </Button>
      <Button variant="primary" size="sm" onClick={selection.stop} data-testid="bulk-done">
        {t('gallery.bulk.done')}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={t('gallery.bulk.deleteTitle', { count })}
        description={trashDays > 0 ? t('gallery.bulk.trashBody', { count: trashDays }) : t('gallery.bulk.deleteBody')}
        confirmLabel={t(trashDays > 0 ? 'generation.trashConfirm' : 'generation.deleteConfirm')}
        cancelLabel={t('common.cancel')}
        tone="danger"
        busy={remove.isPending}
        onConfirm={onDelete}
        onClose={() => setConfirming(false)}
        confirmTestId="confirm-bulk-delete"
      />
    </section>
  );
}
