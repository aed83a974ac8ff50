import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessageKey } from '../api/errors.js';
import { Button, buttonClass } from '../components/ui/button.js';
import { ConfirmDialog } from '../components/ui/dialog.js';
import { EmptyState } from '../components/ui/empty-state.js';
import { ArrowLeftIcon, TrashIcon } from '../components/ui/icons.js';
import { LoadError } from '../components/ui/load-error.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { useMeta } from '../features/session/use-session.js';
import { TrashItem } from '../features/trash/trash-item.js';
import { useEmptyTrash, useTrash } from '../features/trash/use-trash.js';
import { useTranslation } from '../i18n/react.js';
import { toast } from '../lib/toast.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

const grid = 'grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4';

/** /trash – deleted generations, restorable until they are purged. */
export default function TrashRoute() {
  const { t } = useTranslation();
  const { data: meta } = useMeta();
  const { data: items, isPending, error, refetch } = useTrash();
  const trashDays = meta?.trashDays ?? 7;
  const empty = useEmptyTrash();
  const [confirming, setConfirming] = useState(false);
  const count = items?.length ?? 0;
  const onEmpty = () =>
    empty.mutate(undefined, {
      onSuccess: ({ deleted }) => {
        setConfirming(false);
        toast.success(t('trash.emptied', { count: deleted }));
      },
      onError: (err) => {
        setConfirming(false);
        toast.error(t(errorMessageKey(err)));
      },
    });
  useDocumentTitle(t('trash.title'));

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <Link
        to="/gallery"
        className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
      >
        <ArrowLeftIcon size={16} />
        {t('generation.back')}
      </Link>
      <PageHeader
        title={t('trash.title')}
        description={t('trash.subtitle', { count: trashDays })}
        actions={
          count > 0 && (
            <Button
              variant="secondary"
              icon={<TrashIcon size={18} />}
              className="text-rose-600 dark:text-rose-400"
              data-testid="empty-trash"
              onClick={() => setConfirming(true)}
            >
              {t('trash.empty')}
            </Button>
          )
        }
      />
      <ConfirmDialog
        open={confirming}
        title={t('trash.emptyConfirmTitle', { count })}
        description={t('trash.emptyConfirmBody')}
        confirmLabel={t('trash.empty')}
        cancelLabel={t('common.cancel')}
        tone="danger"
        busy={empty.isPending}
        confirmTestId="confirm-empty-trash"
        onConfirm={onEmpty}
        onClose={() => setConfirming(false)}
      />
      {isPending ? (
        <ul className={grid} aria-busy="true" aria-label={t('common.loading')}>
          {['a', 'b', 'c', 'd'].map((k) => (
            <li key={k}>
              <Skeleton className="aspect-[4/5] rounded-2xl" />
            </li>
          ))}
        </ul>
      ) : error ? (
        <LoadError error={error} onRetry={refetch} />
      ) : items.length === 0 ? (
        <EmptyState
          icon={<TrashIcon size={26} />}
          title={t('trash.emptyTitle')}
          description={t('trash.emptyBody', { count: trashDays })}
          action={
            <Link to="/gallery" className={buttonClass('secondary')}>
              {t('generation.back')}
            </Link>
          }
        />
      ) : (
        <ul className={grid} data-testid="trash">
          {items.map((g) => (
            <TrashItem key={g.id} generation={g} trashDays={trashDays} />
          ))}
        </ul>
      )}
    </div>
  );
}
