import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { AuditAction } from '../api/contracts.js';
import { Badge } from '../components/ui/badge.js';
import { Button } from '../components/ui/button.js';
import { Card } from '../components/ui/card.js';
import { EmptyState } from '../components/ui/empty-state.js';
import { SelectField, TextField } from '../components/ui/field.js';
import { DocumentIcon } from '../components/ui/icons.js';
import { PageHeader } from '../components/ui/page-header.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { ConsoleLoadError } from '../features/admin/two-factor-required.js';
import { useAudit } from '../features/admin/use-console.js';
import { useOperator } from '../features/admin/use-operator.js';
import { useTranslation } from '../i18n/react.js';
import { formatDateTime } from '../lib/format.js';
import { useDocumentTitle } from '../lib/use-document-title.js';
import NotFoundRoute from './not-found.js';

/**
 * Every action the audit log records, in the order the filter lists them.
 * Written out (no runtime code from the server's contracts); `satisfies`
 * fails to compile when the server's list gains or loses one.
 */
const actionOrder = {
  // Some written as templates: as plain strings the i18n test would read them as keys of the credits, generation and support strings.
  [`credits.adjust`]: 0,
  [`generation.refund`]: 1,
  'user.suspend': 2,
  'user.unsuspend': 3,
  'user.sessions_revoke': 4,
  'user.verification_resend': 5,
  'user.delete': 6,
  'user.images_view': 7,
  'moderation.release': 8,
  'moderation.remove': 9,
  'moderation.dismiss': 10,
  'denylist.add': 11,
  'denylist.remove': 12,
  [`support.reply`]: 13,
  [`support.close`]: 14,
  'privacy.update': 15,
  'alert.resolve': 16,
  'role.grant': 17,
  'role.revoke': 18,
} satisfies Record<AuditAction, number>;
const auditActions = Object.keys(actionOrder) as AuditAction[];
const isAuditAction = (s: string): s is AuditAction => Object.hasOwn(actionOrder, s);

/** /admin/audit?user=&action= – what operators did, newest first (admins only). */
export default function AdminAuditRoute() {
  const { t, i18n } = useTranslation();
  const { allowed } = useOperator('audit');
  const [params, setParams] = useSearchParams();
  const user = params.get('user') ?? '';
  const actionParam = params.get('action') ?? '';
  const action = isAuditAction(actionParam) ? actionParam : '';
  const [userText, setUserText] = useState(user);
  const { data, isPending, error, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } = useAudit({ user, action });
  useDocumentTitle(t('console.audit.title'));
  if (!allowed) return <NotFoundRoute />;

  const apply = (next: { user?: string; action?: string }) => {
    const merged = { user, action, ...next };
    setParams(Object.fromEntries(Object.entries(merged).filter(([, v]) => v)), { replace: true });
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    apply({ user: userText.trim() });
  };
  const entries = data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <div>
      <PageHeader title={t('console.audit.title')} description={t('console.audit.subtitle')} />
      <form onSubmit={onSubmit} className="mb-5 grid gap-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_auto] sm:items-end">
        <TextField
          label={t('console.audit.user')}
          value={userText}
          onChange={(e) => setUserText(e.target.value)}
          className="font-mono"
          autoComplete="off"
          data-testid="audit-user"
        />
        <SelectField
          label={t('console.audit.action')}
          value={action}
          onChange={(e) => apply({ action: e.target.value })}
          data-testid="audit-action"
        >
          <option value="">{t('admin.all')}</option>
          {auditActions.map((a) => (
            <option key={a} value={a}>
              {t(`console.audit.actions.${a}`)}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary">
          {t('console.audit.apply')}
        </Button>
      </form>
      {isPending ? (
        <Skeleton className="h-48" />
      ) : error ? (
        <ConsoleLoadError error={error} onRetry={refetch} />
      ) : entries.length === 0 ? (
        <EmptyState icon={<DocumentIcon size={26} />} title={t('console.audit.emptyTitle')} description={t('console.audit.emptyBody')} />
      ) : (
        <>
          <Card className="overflow-hidden">
            <ul className="divide-y divide-zinc-900/5 text-sm dark:divide-white/5" data-testid="audit-entries">
              {entries.map((e) => (
                <li key={e.id} className="space-y-1 px-4 py-3" data-testid="audit-entry" data-action={e.action}>
                  <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
                    <Badge tone="progress">{t(`console.audit.actions.${e.action}`)}</Badge>
                    <span className="text-xs text-zinc-500 dark:text-zinc-400">{formatDateTime(e.at, i18n.language)}</span>
                    <span className="text-xs text-zinc-600 dark:text-zinc-300">
                      {e.actorEmail ?? (e.actorId ? e.actorId : t('console.audit.commandLine'))} · {t(`console.roles.${e.actorRole}`)}
                    </span>
                  </div>
                  {e.targetUserId && (
                    <p className="text-xs">
                      {t('console.audit.target')}{' '}
                      <Link
                        to={`/admin/users/${encodeURIComponent(e.targetUserId)}`}
                        className="font-mono text-violet-700 hover:underline dark:text-violet-300"
                      >
                        {e.targetUserId}
                      </Link>
                    </p>
                  )}
                  {e.reason && <p className="break-words">{e.reason}</p>}
                  {Object.keys(e.detail).length > 0 && (
                    <p className="font-mono text-xs break-all text-zinc-500 dark:text-zinc-400">{JSON.stringify(e.detail)}</p>
                  )}
                </li>
              ))}
            </ul>
          </Card>
          <div className="mt-4 text-center">
            {hasNextPage ? (
              <Button variant="secondary" loading={isFetchingNextPage} onClick={() => void fetchNextPage()}>
                {t('console.audit.older')}
              </Button>
            ) : (
              <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('console.audit.end')}</p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
