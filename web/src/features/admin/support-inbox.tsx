import { useState } from 'react';
import { type SupportRequest, type SupportStatus, supportStatuses } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextArea } from '../../components/ui/field.js';
import { CheckIcon, MessageIcon } from '../../components/ui/icons.js';
import { LoadError } from '../../components/ui/load-error.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatDateTime } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { SupportStatusBadge } from '../support/support-status.js';
import { ReplyBox, SupportLinks, SupportMessages } from '../support/support-thread.js';
import { useCloseSupportRequest, useReplySupportRequest, useSupportInbox, useSupportInboxThread } from '../support/use-support.js';
import { StatusFilter } from './status-filter.js';

function InboxRow({ request: r, selected, onOpen }: { request: SupportRequest; selected: boolean; onOpen: () => void }) {
  const { t, i18n } = useTranslation();
  return (
    <li>
      <button
        type="button"
        onClick={onOpen}
        aria-current={selected || undefined}
        className={cn(
          'block w-full px-4 py-3 text-left transition hover:bg-zinc-900/[0.03] dark:hover:bg-white/5',
          selected && 'bg-violet-50 dark:bg-violet-400/10',
        )}
        data-testid="support-inbox-row"
        data-id={r.id}
      >
        <span className="flex items-center gap-2">
          <span className="min-w-0 flex-1 truncate text-sm font-semibold">{r.subject}</span>
          <SupportStatusBadge status={r.status} />
        </span>
        <span className="mt-0.5 block text-xs text-zinc-500 dark:text-zinc-400">
          {t(`support.categories.${r.category}`)} ·{' '}
          {r.waitingSince
            ? t('support.waitingSince', { date: formatDateTime(r.waitingSince, i18n.language) })
            : formatDateTime(r.updatedAt, i18n.language)}
        </span>
      </button>
    </li>
  );
}

/** One request as an operator works it: who asked, the thread, the answer box and closing. */
function InboxThread({ id }: { id: string }) {
  const { t } = useTranslation();
  const { data, isPending, error, refetch } = useSupportInboxThread(id);
  const reply = useReplySupportRequest(id);
  const close = useCloseSupportRequest(id);
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  if (isPending) return <Skeleton className="h-72 rounded-2xl" />;
  if (error) return <LoadError error={error} onRetry={refetch} />;
  return (
    <Card className="space-y-5 p-5 sm:p-6" data-testid="support-inbox-thread">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="text-lg font-bold break-words">{data.subject}</h2>
          <p className="text-sm text-zinc-500 dark:text-zinc-400">
            {t(`support.categories.${data.category}`)}
            {data.requester && ` · ${data.requester.name} <${data.requester.email}>`}
          </p>
          <p className="font-mono text-xs text-zinc-400">{data.userId}</p>
        </div>
        <div className="flex items-center gap-2">
          <SupportStatusBadge status={data.status} />
          {data.status !== 'closed' && (
            <Button variant="secondary" size="sm" onClick={() => setClosing(true)} data-testid="support-close">
              {t('admin.support.close')}
            </Button>
          )}
        </div>
      </div>
      <SupportLinks thread={data} reader="operator" />
      <SupportMessages thread={data} reader="operator" />
      <ReplyBox
        label={t('admin.support.replyLabel')}
        hint={t('admin.support.replyHint')}
        submitLabel={t('admin.support.send')}
        pending={reply.isPending}
        error={reply.error}
        onSend={(body, done) =>
          reply.mutate(body, {
            onSuccess: () => {
              done();
              toast.success(t('admin.support.sent'));
            },
          })
        }
      />
      <ConfirmDialog
        open={closing}
        title={t('admin.support.closeTitle')}
        description={t('admin.support.closeBody')}
        confirmLabel={t('admin.support.close')}
        cancelLabel={t('common.cancel')}
        busy={close.isPending}
        onClose={() => setClosing(false)}
        onConfirm={() =>
          close.mutate(reason.trim() || undefined, {
            onSuccess: () => {
              setClosing(false);
              setReason('');
              toast.success(t('admin.support.closed'));
            },
          })
        }
        confirmTestId="confirm-support-close"
      >
        <div className="space-y-3">
          <ErrorNotice error={close.error} />
          <TextArea
            label={t('admin.support.closeReason')}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </ConfirmDialog>
    </Card>
  );
}

/** The support inbox: requests by status, the longest waiting first; one opens beside the list. */
export function SupportInbox({ selected, onSelect }: { selected: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<SupportStatus | null>('open');
  const { data, isPending, error, refetch } = useSupportInbox(status);
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)] lg:items-start">
      <div>
        <StatusFilter statuses={supportStatuses} value={status} onChange={setStatus} label={(f) => t(`support.status.${f}`)} />
        {isPending ? (
          <Skeleton className="h-48" />
        ) : error ? (
          <LoadError error={error} onRetry={refetch} />
        ) : data.requests.length === 0 ? (
          <EmptyState icon={<CheckIcon size={26} />} title={t('admin.support.emptyTitle')} description={t('admin.support.emptyBody')} />
        ) : (
          <ul
            className="divide-y divide-zinc-900/5 overflow-hidden rounded-2xl bg-white/80 shadow-sm ring-1 ring-zinc-900/5 dark:divide-white/5 dark:bg-ink-900/80 dark:ring-white/[0.08]"
            data-testid="support-inbox"
          >
            {data.requests.map((r) => (
              <InboxRow key={r.id} request={r} selected={r.id === selected} onOpen={() => onSelect(r.id)} />
            ))}
          </ul>
        )}
      </div>
      {selected ? (
        <InboxThread key={selected} id={selected} />
      ) : (
        <EmptyState icon={<MessageIcon size={26} />} title={t('admin.support.pickTitle')} description={t('admin.support.pickBody')} />
      )}
    </div>
  );
}
