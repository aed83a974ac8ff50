import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client.js';
import type { Generation } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Button, buttonClass } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { CloseIcon, DownloadIcon, FlagIcon, RemixIcon, TrashIcon } from '../../components/ui/icons.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { ReportImageDialog } from '../image-moderation/report-image-dialog.js';
import { useMeta } from '../session/use-session.js';
import { RepeatActions } from './repeat-actions.js';
import { useCancelGeneration, useDeleteGeneration, useDeleteImage } from './use-generation.js';

/** Cancel while it waits or runs, Download the original, Remix (Create prefilled), Delete this image of a batch and Delete (each after confirmation), Report the image. */
export function GenerationActions({
  generation: g,
  selected,
  onImageDeleted,
}: {
  generation: Generation;
  selected: number;
  onImageDeleted: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const [confirmingImage, setConfirmingImage] = useState(false);
  const [reporting, setReporting] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const [unstoppable, setUnstoppable] = useState(false);
  const cancel = useCancelGeneration();
  const remove = useDeleteGeneration();
  const removeImage = useDeleteImage();
  const trashDays = useMeta().data?.trashDays ?? 0;
  const image = g.images[selected] ?? g.images[0];

  const onDelete = () =>
    remove.mutate(g.id, {
      onSuccess: async () => {
        setConfirming(false);
        toast.success(t(trashDays > 0 ? 'generation.movedToTrash' : 'generation.deleted'));
        await navigate('/gallery', { replace: true });
      },
      onError: (err) => {
        setConfirming(false);
        toast.error(t(errorMessageKey(err)));
      },
    });

  const active = g.status === 'queued' || g.status === 'running';
  const onCancel = () =>
    cancel.mutate(g.id, {
      onSuccess: (canceled) => {
        setConfirmingCancel(false);
        toast.success(t('generation.canceledToast', { count: canceled.refunded }));
      },
      onError: (err) => {
        setConfirmingCancel(false);
        // The provider cannot stop it: say so where the button was, not only in a passing toast.
        if (err instanceof ApiError && err.code === 'cannot_cancel') setUnstoppable(true);
        else toast.error(t(errorMessageKey(err)));
      },
    });

  const onDeleteImage = () => {
    if (!image) return;
    removeImage.mutate(
      { generationId: g.id, imageId: image.id },
      {
        onSuccess: async ({ generation }) => {
          setConfirmingImage(false);
          toast.success(t('generation.imageDeleted'));
          onImageDeleted();
          if (!generation) await navigate('/gallery', { replace: true });
        },
        onError: (err) => {
          setConfirmingImage(false);
          toast.error(t(errorMessageKey(err)));
        },
      },
    );
  };

  return (
    <div className="grid grid-cols-2 gap-2">
      {active &&
        (unstoppable ? (
          <Notice tone="info" className="col-span-2" data-testid="cannot-cancel">
            {t('errors.cannotCancel')}
          </Notice>
        ) : (
          <>
            <Button
              variant="secondary"
              icon={<CloseIcon size={18} />}
              onClick={() => setConfirmingCancel(true)}
              data-testid="cancel-generation"
              className="col-span-2"
            >
              {t('generation.cancel')}
            </Button>
            <ConfirmDialog
              open={confirmingCancel}
              title={t('generation.cancelTitle')}
              description={t('generation.cancelBody', { count: g.cost })}
              confirmLabel={t('generation.cancelConfirm')}
              cancelLabel={t('generation.cancelKeep')}
              tone="danger"
              busy={cancel.isPending}
              onConfirm={onCancel}
              onClose={() => setConfirmingCancel(false)}
              confirmTestId="confirm-cancel-generation"
            />
          </>
        ))}
      {image && (
        <a href={image.downloadUrl} download className={buttonClass('primary', 'md', 'col-span-2')} data-testid="download">
          <DownloadIcon size={18} />
          {t('generation.download')}
        </a>
      )}
      <Link to={`/create?remix=${encodeURIComponent(g.id)}`} className={buttonClass('secondary')} data-testid="remix">
        <RemixIcon size={18} />
        {t('generation.remix')}
      </Link>
      <Button
        variant="secondary"
        icon={<TrashIcon size={18} />}
        onClick={() => setConfirming(true)}
        disabled={active}
        title={active ? t('generation.deleteWhenDone') : undefined}
        data-testid="delete-generation"
        className="text-rose-600 dark:text-rose-400"
      >
        {t('generation.delete')}
      </Button>
      <RepeatActions generation={g} />
      {g.images.length > 1 && (
        <>
          <Button
            variant="secondary"
            icon={<TrashIcon size={18} />}
            onClick={() => setConfirmingImage(true)}
            data-testid="delete-image"
            className="col-span-2 text-rose-600 dark:text-rose-400"
          >
            {t('generation.deleteImage', { n: selected + 1 })}
          </Button>
          <ConfirmDialog
            open={confirmingImage}
            title={t('generation.deleteImageTitle', { n: selected + 1, count: g.images.length })}
            description={t('generation.deleteImageBody')}
            confirmLabel={t('generation.deleteImageConfirm')}
            cancelLabel={t('common.cancel')}
            tone="danger"
            busy={removeImage.isPending}
            onConfirm={onDeleteImage}
            onClose={() => setConfirmingImage(false)}
            confirmTestId="confirm-delete-image"
          />
        </>
      )}
      {image && (
        <>
          <Button
            variant="ghost"
            size="sm"
            icon={<FlagIcon size={16} />}
            onClick={() => setReporting(true)}
            data-testid="report-image"
            className="col-span-2"
          >
            {t('imageModeration.report.action')}
          </Button>
          <ReportImageDialog key={image.id} imageId={image.id} open={reporting} onClose={() => setReporting(false)} />
        </>
      )}
      <ConfirmDialog
        open={confirming}
        title={t(trashDays > 0 ? 'generation.trashTitle' : 'generation.deleteTitle')}
        description={trashDays > 0 ? t('generation.trashBody', { count: trashDays }) : t('generation.deleteBody')}
        confirmLabel={t(trashDays > 0 ? 'generation.trashConfirm' : 'generation.deleteConfirm')}
        cancelLabel={t('common.cancel')}
        tone="danger"
        busy={remove.isPending}
        onConfirm={onDelete}
        onClose={() => setConfirming(false)}
        confirmTestId="confirm-delete"
      />
    </div>
  );
}
