import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card } from '../components/ui/card.js';
import { EmptyState } from '../components/ui/empty-state.js';
import { TextField } from '../components/ui/field.js';
import { SearchIcon, UserIcon } from '../components/ui/icons.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { AccountBadges } from '../features/admin/account-badges.js';
import { ConsoleLoadError } from '../features/admin/two-factor-required.js';
import { useUserSearch } from '../features/admin/use-console.js';
import { useDebounced } from '../features/admin/use-debounced.js';
import { useOperator } from '../features/admin/use-operator.js';
import { useTranslation } from '../i18n/react.js';
import { formatDate } from '../lib/format.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/** /admin/users?q= – find an account by e-mail, name or id, as the operator types. */
export default function AdminUsersRoute() {
  const { t, i18n } = useTranslation();
  const { allowed } = useOperator('users.read');
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(params.get('q') ?? '');
  const q = useDebounced(text.trim(), 300);
  const { data, isPending, isFetching, error, refetch } = useUserSearch(q);
  useDocumentTitle(t('console.users.title'));

  // The query lives in the address, so Back from an account returns to the same results.
  useEffect(() => {
    if ((params.get('q') ?? '') !== q) setParams(q ? { q } : {}, { replace: true });
  }, [q, params, setParams]);

  if (!allowed) return <NotFoundRoute />;
  return (
    <div>
      <PageHeader title={t('console.users.title')} description={t('console.users.subtitle')} />
      <div className="mb-5">
        <TextField
          type="search"
          label={t('console.users.search')}
          hint={t('console.users.searchHint')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoComplete="off"
          spellCheck={false}
          data-testid="user-search"
          aria-busy={isFetching || undefined}
        />
      </div>
      {!q ? (
        <EmptyState icon={<SearchIcon size={26} />} title={t('console.users.startTitle')} description={t('console.users.startBody')} />
      ) : isPending ? (
        <Skeleton className="h-40" />
      ) : error ? (
        <ConsoleLoadError error={error} onRetry={refetch} />
      ) : data.users.length === 0 ? (
        <EmptyState icon={<UserIcon size={26} />} title={t('console.users.noneTitle')} description={t('console.users.noneBody', { q })} />
      ) : (
        <Card className="overflow-hidden">
          <p className="sr-only" role="status">
            {t('console.users.count', { count: data.users.length })}
          </p>
          <ul className="divide-y divide-zinc-900/5 dark:divide-white/5" data-testid="user-results">
            {data.users.map((u) => (
              <li key={u.id}>
                <Link
                  to={`/admin/users/${encodeURIComponent(u.id)}`}
                  className="flex flex-col gap-1 px-4 py-3 transition hover:bg-zinc-900/[0.03] focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-violet-500 sm:flex-row sm:items-center sm:justify-between sm:gap-4 dark:hover:bg-white/[0.03]"
                  data-testid="user-result"
                  data-id={u.id}
                >
                  <span className="min-w-0">
                    <span className="block truncate text-sm font-semibold">{u.name || u.email}</span>
                    <span className="block truncate text-sm text-zinc-600 dark:text-zinc-400">{u.email}</span>
                    <span className="block truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{u.id}</span>
                  </span>
                  <span className="flex shrink-0 flex-wrap items-center gap-2 sm:justify-end">
                    <AccountBadges user={u} />
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">
                      {t('console.users.joined', { date: formatDate(u.createdAt, i18n.language) })}
                    </span>
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
