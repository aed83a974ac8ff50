import { useTranslation } from '../../i18n/react.js';
import { formatDate } from '../../lib/format.js';
import { DueDate, RequestStatusBadge } from './request-status.js';
import { useMyPrivacyRequests } from './use-privacy-requests.js';

/** The user's earlier privacy requests with status, due date and our answer. Nothing when there are none. */
export function MyPrivacyRequests() {
  const { t, i18n } = useTranslation();
  const { data } = useMyPrivacyRequests();
  const requests = data?.requests ?? [];
  if (requests.length === 0) return null;
  return (
    <div className="mt-6">
      <h3 className="text-sm font-semibold">{t('privacyRequest.mine')}</h3>
      <ul
        className="mt-2 divide-y divide-zinc-900/5 rounded-xl ring-1 ring-zinc-900/5 dark:divide-white/5 dark:ring-white/10"
        data-testid="my-privacy-requests"
      >
        {requests.map((r) => (
          <li key={r.id} className="px-4 py-3" data-testid="my-privacy-request">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="text-sm font-medium">{t(`privacyRequest.kinds.${r.kind}`)}</span>
              <RequestStatusBadge status={r.status} />
              <span className="ml-auto text-xs text-zinc-500 dark:text-zinc-400">
                {t('privacyRequest.sentOn', { date: formatDate(r.createdAt, i18n.language) })}
                {' · '}
                {r.status === 'open' || r.status === 'in_progress' ? (
                  <DueDate request={r} />
                ) : (
                  t('privacyRequest.closedOn', { date: formatDate(r.updatedAt, i18n.language) })
                )}
              </span>
            </div>
            <p className="mt-1 line-clamp-2 text-sm text-zinc-600 dark:text-zinc-400">{r.message}</p>
            {r.resolution && (
              <p className="mt-2 rounded-lg bg-zinc-900/[0.03] px-3 py-2 text-sm dark:bg-white/5">
                <span className="font-semibold">{t('privacyRequest.answer')}</span> {r.resolution}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
