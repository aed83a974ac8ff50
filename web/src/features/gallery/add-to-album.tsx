import { useState } from 'react';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { SelectField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { useAddAlbumImage, useAlbums, useRemoveAlbumImage, useUpdateAlbum } from './use-workspace.js';

/** On the image page: put the shown image into one of the user's albums. */
export function AddToAlbum({ imageId }: { imageId: string }) {
  const { t } = useTranslation();
  const albums = useAlbums().data?.items ?? [];
  const add = useAddAlbumImage();
  const [albumId, setAlbumId] = useState('');
  if (albums.length === 0) return <p className="text-xs text-zinc-500">{t('workspace.noAlbumsYet')}</p>;
  return (
    <div className="flex items-end gap-2">
      <SelectField
        label={t('workspace.addToAlbum')}
        value={albumId}
        onChange={(e) => setAlbumId(e.target.value)}
        wrapperClassName="flex-1"
        data-testid="add-to-album-select"
      >
        <option value="">{t('workspace.chooseAlbum')}</option>
        {albums.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <Button
        variant="secondary"
        disabled={!albumId}
        loading={add.isPending}
        data-testid="add-to-album"
        onClick={() =>
          add.mutate(
            { albumId, imageId },
            {
              onSuccess: ({ album }) => toast.success(t('workspace.addedToAlbum', { name: album.name })),
              onError: (err) => toast.error(t(errorMessageKey(err))),
            },
          )
        }
      >
        {t('workspace.add')}
      </Button>
    </div>
  );
}

/** On a tile of a gallery narrowed to an album: make the image the cover, or take it out of the album. */
export function AlbumTileActions({ albumId, imageId }: { albumId: string; imageId: string }) {
  const { t } = useTranslation();
  const cover = useUpdateAlbum();
  const remove = useRemoveAlbumImage();
  const onError = (err: unknown) => toast.error(t(errorMessageKey(err)));
  return (
    <div className="mt-1 flex gap-1">
      <Button
        size="sm"
        variant="ghost"
        loading={cover.isPending}
        data-testid="set-cover"
        onClick={() =>
          cover.mutate(
            { id: albumId, patch: { coverImageId: imageId } },
            { onSuccess: () => toast.success(t('workspace.coverSet')), onError },
          )
        }
      >
        {t('workspace.setCover')}
      </Button>
      <Button
        size="sm"
        variant="ghost"
        loading={remove.isPending}
        data-testid="remove-from-album"
        onClick={() => remove.mutate({ albumId, imageId }, { onError })}
      >
        {t('workspace.removeFromAlbum')}
      </Button>
    </div>
  );
}
