import { type FormEvent, useState } from 'react';
import type { Album } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { TextField } from '../../components/ui/field.js';
import { AlbumIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { toast } from '../../lib/toast.js';
import { useGalleryFilters } from './gallery-filters.js';
import { useAlbums, useCreateAlbum, useDeleteAlbum, useUpdateAlbum } from './use-workspace.js';

const MAX_NAME = 80;

/** The user's albums: create one, open one (the gallery narrowed to it), rename or delete it (its images stay). */
export function AlbumsPanel() {
  const { t } = useTranslation();
  const albums = useAlbums().data?.items ?? [];
  const create = useCreateAlbum();
  const [name, setName] = useState('');
  const onCreate = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) return;
    create.mutate(name.trim(), {
      onSuccess: () => {
        setName('');
        toast.success(t('workspace.albumCreated'));
      },
      onError: (err) => toast.error(t(errorMessageKey(err))),
    });
  };
  return (
    <section aria-labelledby="albums-heading" className="mb-6" data-testid="albums-panel">
      <h2 id="albums-heading" className="mb-2 text-sm font-semibold text-zinc-700 dark:text-zinc-200">
        {t('workspace.albums')}
      </h2>
      <ul className="mb-3 flex flex-wrap gap-3">
        {albums.map((a) => (
          <AlbumCard key={a.id} album={a} />
        ))}
      </ul>
      <form onSubmit={onCreate} className="flex items-end gap-2">
        <TextField
          label={t('workspace.newAlbum')}
          value={name}
          maxLength={MAX_NAME}
          onChange={(e) => setName(e.target.value)}
          wrapperClassName="w-64"
          data-testid="new-album-name"
        />
        <Button type="submit" variant="secondary" loading={create.isPending} disabled={!name.trim()} data-testid="create-album">
          {t('workspace.createAlbum')}
        </Button>
      </form>
    </section>
  );
}

function AlbumCard({ album: a }: { album: Album }) {
  const { t } = useTranslation();
  const [filters, set] = useGalleryFilters();
  const update = useUpdateAlbum();
  const remove = useDeleteAlbum();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(a.name);
  const [confirming, setConfirming] = useState(false);
  const open = filters.album === a.id;
  const onRename = (e: FormEvent) => {
    e.preventDefault();
    update.mutate(
      { id: a.id, patch: { name: name.trim() } },
      { onSuccess: () => setRenaming(false), onError: (err) => toast.error(t(errorMessageKey(err))) },
    );
  };
  return (
    <li
      className={cn('w-44 rounded-xl p-2 ring-1 ring-zinc-900/10 dark:ring-white/10', open && 'ring-2 ring-violet-500')}
      data-testid="album-card"
      data-id={a.id}
    >
      <button
        type="button"
        onClick={() => set('album', open ? '' : a.id)}
        aria-pressed={open}
        className="block w-full rounded-lg text-left focus-visible:outline-2 focus-visible:outline-violet-500"
        data-testid="open-album"
      >
        <span className="flex aspect-video items-center justify-center overflow-hidden rounded-lg bg-zinc-100 dark:bg-white/5">
          {a.coverThumbnailUrl ? (
            <img src={a.coverThumbnailUrl} alt="" className="size-full object-cover" loading="lazy" />
          ) : (
            <AlbumIcon size={24} className="text-zinc-400" />
          )}
        </span>
        <span className="mt-1 block truncate text-sm font-medium">{a.name}</span>
        <span className="block text-xs text-zinc-500">{t('workspace.imageCount', { count: a.imageCount })}</span>
      </button>
      {renaming ? (
        <form onSubmit={onRename} className="mt-1 space-y-1">
          <TextField label={t('workspace.albumName')} value={name} maxLength={MAX_NAME} onChange={(e) => setName(e.target.value)} />
          <div className="flex gap-1">
            <Button type="submit" size="sm" loading={update.isPending} disabled={!name.trim()}>
              {t('workspace.save')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => setRenaming(false)}>
              {t('workspace.cancel')}
            </Button>
          </div>
        </form>
      ) : (
        <div className="mt-1 flex gap-1">
          <Button size="sm" variant="ghost" onClick={() => setRenaming(true)} aria-label={t('workspace.renameAlbum', { name: a.name })}>
            {t('workspace.rename')}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={t('workspace.deleteAlbum', { name: a.name })}>
            {t('workspace.delete')}
          </Button>
        </div>
      )}
      <ConfirmDialog
        open={confirming}
        title={t('workspace.deleteAlbumTitle', { name: a.name })}
        description={t('workspace.deleteAlbumBody')}
        confirmLabel={t('workspace.delete')}
        cancelLabel={t('workspace.cancel')}
        tone="danger"
        busy={remove.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate(a.id, {
            onSuccess: () => {
              setConfirming(false);
              if (open) set('album', '');
            },
            onError: (err) => toast.error(t(errorMessageKey(err))),
          })
        }
      />
    </li>
  );
}
