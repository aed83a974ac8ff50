import { useState } from 'react';
import { Link } from 'react-router';
import { type PrivacyRequest, type PrivacyRequestStatus, privacyRequestStatuses } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { CheckIcon } from '../../components/ui/icons.js';
import { LoadError } from '../../components/ui/load-error.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatDate } from '../../lib/format.js';
import { DueDate, isOverdue, RequestStatusBadge } from '../privacy/request-status.js';
import { StatusFilter } from './status-filter.js';
import { UpdateRequestDialog } from './update-request-dialog.js';
import { useAdminPrivacyRequests } from './use-admin.js';
import { useOperator } from './use-operator.js';

const columns = 'md:grid md:grid-cols-[8.5rem_minmax(0,1fr)_8rem_9.5rem_auto] md:items-center md:gap-4';

function Row({ request: r, onEdit }: { request: PrivacyRequest; onEdit: () => void }) {
  const { t, i18n } = useTranslation();
  const { allowed: canOpen } = useOperator('users.read');
  return (
    <li
      className={cn('space-y-2 px-4 py-3.5 md:space-y-0', columns, isOverdue(r) && 'bg-rose-50/60 dark:bg-rose-500/5')}
      data-testid="admin-request"
      data-id={r.id}
      data-overdue={isOverdue(r) || undefined}
    >
      <div>
        <p className="text-sm font-semibold">{t(`privacyRequest.kinds.${r.kind}`)}</p>
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{formatDate(r.createdAt, i18n.language)}</p>
      </div>
      <div className="min-w-0">
        <p className="truncate text-sm font-medium" title={r.email}>
          {r.email}
          {r.userId &&
            (canOpen ? (
              <Link
                to={`/admin/users/${encodeURIComponent(r.userId)}`}
                className="ml-2 font-mono text-xs text-violet-700 hover:underline dark:text-violet-300"
                data-testid="request-account"
              >
                {r.userId}
              </Link>
            ) : (
              <span className="ml-2 font-mono text-xs text-zinc-500 dark:text-zinc-400">{r.userId}</span>
            ))}
        </p>
        <p className="line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400" title={r.message}>
          {r.message}
        </p>
      </div>
      <div>
        <RequestStatusBadge status={r.status} />
      </div>
      <div className="text-sm">
        <DueDate request={r} />
      </div>
      <div className="md:text-right">
        <Button variant="secondary" size="sm" onClick={onEdit} data-testid="edit-request">
          {t('admin.update')}
        </Button>
      </div>
    </li>
  );
}

/** The operator's queue: filter by status, oldest due first, overdue in red, and a status change per request. */
export function PrivacyQueue() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<PrivacyRequestStatus | null>('open');
  const [editing, setEditing] = useState<PrivacyRequest | null>(null);
  const { data, isPending, error, refetch } = useAdminPrivacyRequests(status);

  return (
    <div>
      <StatusFilter statuses={privacyRequestStatuses} value={status} onChange={setStatus} label={(f) => t(`privacyRequest.status.${f}`)} />
      {isPending ? (
        <Skeleton className="h-48" />
      ) : error ? (
        <LoadError error={error} onRetry={refetch} />
      ) : data.requests.length === 0 ? (
        <EmptyState icon={<CheckIcon size={26} />} title={t('admin.emptyTitle')} description={t('admin.emptyBody')} />
      ) : (
        <div className="overflow-hidden rounded-2xl bg-white/80 shadow-sm ring-1 ring-zinc-900/5 dark:bg-ink-900/80 dark:ring-white/[0.08]">
          <div
            className={cn(
              'hidden border-b border-zinc-900/5 bg-zinc-50 px-4 py-2.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase md:grid dark:border-white/5 dark:bg-white/[0.03] dark:text-zinc-400',
              columns,
            )}
          >
            <span>{t('admin.kind')}</span>
            <span>{t('admin.fromMessage')}</span>
            <span>{t('admin.status')}</span>
            <span>{t('admin.due')}</span>
            <span className="sr-only">{t('admin.update')}</span>
          </div>
          <ul className="divide-y divide-zinc-900/5 dark:divide-white/5" data-testid="admin-requests">
            {data.requests.map((r) => (
              <Row key={r.id} request={r} onEdit={() => setEditing(r)} />
            ))}
          </ul>
        </div>
      )}
      {editing && <UpdateRequestDialog request={editing} onClose={() => setEditing(null)} />}
    </div>
  );
}
