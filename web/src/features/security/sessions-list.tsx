import { useState } from 'react';
import type { SessionInfo } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { DesktopIcon, PhoneIcon } from '../../components/ui/icons.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDateTime, formatRelative } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { describeDevice } from './device.js';
import { useRevokeOtherSessions, useRevokeSession, useSessions } from './use-sessions.js';

function deviceName(t: (k: string, o?: Record<string, string>) => string, ua: string | null): string {
  const { browser, os } = describeDevice(ua);
  if (browser && os) return t('sessions.browserOn', { browser, os });
  return browser ?? os ?? t('sessions.unknownDevice');
}

function SessionRow({ session: s }: { session: SessionInfo }) {
  const { t, i18n } = useTranslation();
  const revoke = useRevokeSession();
  const { kind } = describeDevice(s.userAgent);
  const Icon = kind === 'desktop' ? DesktopIcon : PhoneIcon;
  return (
    <li className="flex items-center gap-3 py-3.5" data-testid="session" data-current={s.current || undefined}>
      <span className="grid size-10 shrink-0 place-items-center rounded-xl bg-zinc-900/[0.04] text-zinc-600 dark:bg-white/5 dark:text-zinc-300">
        <Icon size={20} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
          <span title={s.userAgent ?? undefined}>{deviceName(t, s.userAgent)}</span>
          {s.current && (
            <Badge tone="success" dot data-testid="this-device">
              {t('sessions.thisDevice')}
            </Badge>
          )}
        </p>
        <p className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400">
          {s.ipAddress ?? t('sessions.unknownAddress')}
          {' · '}
          <time dateTime={s.lastUsedAt} title={formatDateTime(s.lastUsedAt, i18n.language)}>
            {s.current ? t('sessions.activeNow') : t('sessions.lastUsed', { when: formatRelative(s.lastUsedAt, i18n.language) })}
          </time>
        </p>
      </div>
      {!s.current && (
        <Button
          variant="ghost"
          size="sm"
          loading={revoke.isPending}
          data-testid="revoke-session"
          onClick={() =>
            revoke.mutate(s.id, {
              onSuccess: () => toast.success(t('sessions.revoked')),
              onError: (err) => toast.error(t(errorMessageKey(err))),
            })
          }
        >
          {t('sessions.signOut')}
        </Button>
      )}
    </li>
  );
}

/** Every device signed in to the account, with sign-out for one or all the others. */
export function SessionsList() {
  const { t } = useTranslation();
  const { data: sessions, isPending, error } = useSessions();
  const revokeOthers = useRevokeOtherSessions();
  const [confirming, setConfirming] = useState(false);

  if (isPending) return <Skeleton className="h-32" />;
  if (error) return <ErrorNotice error={error} />;
  const others = sessions.filter((s) => !s.current).length;

  return (
    <div>
      <ul className="-my-3.5 divide-y divide-zinc-900/5 dark:divide-white/5" data-testid="sessions">
        {sessions.map((s) => (
          <SessionRow key={s.id} session={s} />
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-zinc-900/5 pt-4 dark:border-white/5">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('sessions.otherCount', { count: others })}</p>
        <Button variant="secondary" size="sm" disabled={others === 0} onClick={() => setConfirming(true)} data-testid="revoke-others">
          {t('sessions.signOutOthers')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('sessions.confirmTitle')}
        description={t('sessions.confirmBody', { count: others })}
        confirmLabel={t('sessions.signOutOthers')}
        cancelLabel={t('common.cancel')}
        busy={revokeOthers.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          revokeOthers.mutate(undefined, {
            onSuccess: (r) => {
              setConfirming(false);
              toast.success(t('sessions.revokedOthers', { count: r.revoked }));
            },
            onError: (err) => {
              setConfirming(false);
              toast.error(t(errorMessageKey(err)));
            },
          })
        }
        confirmTestId="confirm-revoke-others"
      />
    </div>
  );
}
