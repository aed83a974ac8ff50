import { Link } from 'react-router';
import { EmptyState } from '../../components/ui/empty-state.js';
import { MessageIcon } from '../../components/ui/icons.js';
import { LoadError } from '../../components/ui/load-error.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDate } from '../../lib/format.js';
import { SupportStatusBadge } from './support-status.js';
import { useMySupportRequests } from './use-support.js';

/** The user's requests, the most recently active first, each opening its thread. */
export function MySupportRequests() {
  const { t, i18n } = useTranslation();
  const { data, isPending, error, refetch } = useMySupportRequests();
  if (isPending) return <Skeleton className="h-24" />;
  if (error) return <LoadError error={error} onRetry={refetch} />;
  if (data.requests.length === 0) {
    return <EmptyState icon={<MessageIcon size={26} />} title={t('support.noneTitle')} description={t('support.noneBody')} />;
  }
  return (
    <ul
      className="divide-y divide-zinc-900/5 rounded-xl ring-1 ring-zinc-900/5 dark:divide-white/5 dark:ring-white/10"
      data-testid="my-support-requests"
    >
      {data.requests.map((r) => (
        <li key={r.id}>
          <Link
            to={`/support/${r.id}`}
            className="flex flex-wrap items-center gap-x-3 gap-y-1 px-4 py-3 transition hover:bg-zinc-900/[0.03] dark:hover:bg-white/5"
            data-testid="my-support-request"
          >
            <span className="min-w-0 flex-1 truncate text-sm font-medium">{r.subject}</span>
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{t(`support.categories.${r.category}`)}</span>
            <SupportStatusBadge status={r.status} />
            <span className="text-xs text-zinc-500 dark:text-zinc-400">{formatDate(r.updatedAt, i18n.language)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
