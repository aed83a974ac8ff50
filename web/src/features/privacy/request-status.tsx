import type { PrivacyRequest, PrivacyRequestStatus } from '../../api/contracts.js';
import { Badge, type BadgeTone } from '../../components/ui/badge.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatDate } from '../../lib/format.js';

const tones: Record<PrivacyRequestStatus, BadgeTone> = { open: 'info', in_progress: 'progress', done: 'success', rejected: 'neutral' };

/** open · in progress · done · declined */
export function RequestStatusBadge({ status }: { status: PrivacyRequestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={tones[status]} dot data-testid="request-status" data-status={status}>
      {t(`privacyRequest.status.${status}`)}
    </Badge>
  );
}

/** True when an unfinished request is past its due date. */
export const isOverdue = (r: PrivacyRequest, now = Date.now()) =>
  (r.status === 'open' || r.status === 'in_progress') && new Date(r.dueAt).getTime() < now;

/** "Answer due 25 Dec 2026", in red once overdue. */
export function DueDate({ request, className }: { request: PrivacyRequest; className?: string }) {
  const { t, i18n } = useTranslation();
  const overdue = isOverdue(request);
  return (
    <span className={cn(overdue ? 'font-semibold text-rose-600 dark:text-rose-400' : '', className)} data-overdue={overdue || undefined}>
      {t(overdue ? 'privacyRequest.overdue' : 'privacyRequest.due', { date: formatDate(request.dueAt, i18n.language) })}
    </span>
  );
}
