import { useState } from 'react';
import type { ApiKey } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { KeyIcon } from '../../components/ui/icons.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { useApiKeys, useRevokeApiKey } from './use-api-keys.js';

/** "expires in 3 days" / "expired" (warning tone) / "never expires", read against `now`. */
function Expiry({ expiresAt }: { expiresAt: string | null }) {
  const { t, i18n } = useTranslation();
  if (!expiresAt) return <span>{t('apiKeys.list.noExpiry')}</span>;
  const expired = new Date(expiresAt).getTime() <= Date.now();
  return (
    <time
      dateTime={expiresAt}
      title={formatDateTime(expiresAt, i18n.language)}
      className={expired ? 'font-medium text-amber-700 dark:text-amber-300' : undefined}
      data-testid="api-key-expiry"
    >
      {expired ? t('apiKeys.list.expired') : t('apiKeys.list.expires', { when: formatRelative(expiresAt, i18n.language) })}
    </time>
  );
}

function ApiKeyRow({ apiKey: k, onRevoke }: { apiKey: ApiKey; onRevoke: (key: ApiKey) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="flex items-center gap-3 py-3.5" data-testid="api-key" data-id={k.id}>
      <span className="grid size-10 shrink-0 place-items-center rounded-xl bg-zinc-900/[0.04] text-zinc-600 dark:bg-white/5 dark:text-zinc-300">
        <KeyIcon size={20} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
          <span className="break-all" data-testid="api-key-name">
            {k.name}
          </span>
          <code className="font-mono text-xs text-zinc-600 dark:text-zinc-300" data-testid="api-key-start">
            {k.start}…
          </code>
          {k.scopes.map((s) => (
            <Badge key={s} tone={s === 'generate' ? 'progress' : 'info'}>
              {t(`apiKeys.scope.${s}`)}
            </Badge>
          ))}
        </p>
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          <time dateTime={k.createdAt} title={formatDateTime(k.createdAt, i18n.language)}>
            {t('apiKeys.list.created', { when: formatRelative(k.createdAt, i18n.language) })}
          </time>
          {' · '}
          {k.lastUsedAt ? (
            <time dateTime={k.lastUsedAt} title={formatDateTime(k.lastUsedAt, i18n.language)}>
              {t('apiKeys.list.lastUsed', { when: formatRelative(k.lastUsedAt, i18n.language) })}
            </time>
          ) : (
            t('apiKeys.list.neverUsed')
          )}
          {' · '}
          <Expiry expiresAt={k.expiresAt} />
        </p>
      </div>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => onRevoke(k)}
        data-testid="revoke-api-key"
        aria-label={t('apiKeys.revoke.labelFor', { name: k.name })}
      >
        {t('apiKeys.revoke.action')}
      </Button>
    </li>
  );
}

/** The account's keys (never the keys themselves, only their first characters), each revocable after a confirmation. */
export function ApiKeysList() {
  const { t } = useTranslation();
  const { data: keys, isPending, error } = useApiKeys();
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);

  if (isPending) return <Skeleton className="h-20" />;
  if (error) return <ErrorNotice error={error} />;

  return (
    <div>
      {keys.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="no-api-keys">
          {t('apiKeys.list.empty')}
        </p>
      ) : (
        <ul className="-my-3.5 divide-y divide-zinc-900/5 dark:divide-white/5" data-testid="api-keys" aria-label={t('apiKeys.list.label')}>
          {keys.map((k) => (
            <ApiKeyRow key={k.id} apiKey={k} onRevoke={setRevoking} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={revoking !== null}
        tone="danger"
        title={t('apiKeys.revoke.confirmTitle', { name: revoking?.name ?? '' })}
        description={t('apiKeys.revoke.confirmBody')}
        confirmLabel={t('apiKeys.revoke.action')}
        cancelLabel={t('common.cancel')}
        busy={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (!revoking) return;
          revoke.mutate(revoking.id, {
            onSuccess: () => {
              toast.success(t('apiKeys.revoke.done', { name: revoking.name }));
              setRevoking(null);
            },
            onError: (err) => {
              toast.error(t(errorMessageKey(err)));
              setRevoking(null);
            },
          });
        }}
        confirmTestId="confirm-revoke-api-key"
      />
    </div>
  );
}
