import { useState } from 'react';
import { errorMessageKey, needsFreshSignIn } from '../../api/errors.js';
import { browserSupportsPasskeys, type Passkey } from '../../api/passkeys.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { KeyIcon } from '../../components/ui/icons.js';
import { Notice } from '../../components/ui/notice.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { useSignInAgain } from '../account/use-account.js';
import { describeDevice } from './device.js';
import { useAddPasskey, usePasskeys, useRemovePasskey, useRenamePasskey } from './use-passkeys.js';

/** A name for a new passkey: where it was made ("Chrome on macOS"), which the user can change later. */
function deviceLabel(t: (k: string, o?: Record<string, string>) => string): string {
  const { browser, os } = describeDevice(typeof navigator === 'undefined' ? null : navigator.userAgent);
  if (browser && os) return t('sessions.browserOn', { browser, os });
  return browser ?? os ?? t('security.passkeys.defaultName');
}

function PasskeyRow({ passkey: p, onRename, onRemove }: { passkey: Passkey; onRename: () => void; onRemove: () => void }) {
  const { t, i18n } = useTranslation();
  const name = p.name || t('security.passkeys.defaultName');
  return (
    <li className="flex items-center gap-3 py-3.5" data-testid="passkey">
      <span className="grid size-10 shrink-0 place-items-center rounded-xl bg-zinc-900/[0.04] text-zinc-600 dark:bg-white/5 dark:text-zinc-300">
        <KeyIcon size={20} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
          <span className="break-all" data-testid="passkey-name">
            {name}
          </span>
          {p.backedUp && <Badge tone="neutral">{t('security.passkeys.synced')}</Badge>}
        </p>
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
          <time dateTime={p.createdAt ?? undefined}>
            {t('security.passkeys.created', { when: formatDate(p.createdAt, i18n.language) })}
          </time>
          {' · '}
          {p.lastUsedAt ? (
            <time dateTime={p.lastUsedAt} title={formatDateTime(p.lastUsedAt, i18n.language)} data-testid="passkey-last-used">
              {t('security.passkeys.lastUsed', { when: formatRelative(p.lastUsedAt, i18n.language) })}
            </time>
          ) : (
            t('security.passkeys.neverUsed')
          )}
        </p>
      </div>
      <div className="flex shrink-0 gap-1">
        <Button variant="ghost" size="sm" onClick={onRename} data-testid="passkey-rename">
          {t('security.passkeys.rename')}
        </Button>
        <Button variant="ghost" size="sm" onClick={onRemove} data-testid="passkey-remove">
          {t('security.passkeys.remove')}
        </Button>
      </div>
    </li>
  );
}

/**
 * Settings → Security → Passkeys: the account's passkeys (name, when added,
 * when last used), adding one on this device, renaming and removing one.
 * Adding and removing need a recent sign-in; a stale session is offered to
 * sign in again and come back here.
 */
export function Passkeys() {
  const { t } = useTranslation();
  const { data: passkeys, isPending, error } = usePasskeys();
  const add = useAddPasskey();
  const rename = useRenamePasskey();
  const remove = useRemovePasskey();
  const signInAgain = useSignInAgain('/settings#security');
  const [problem, setProblem] = useState<unknown>(null);
  const [removing, setRemoving] = useState<Passkey | null>(null);
  const [renaming, setRenaming] = useState<Passkey | null>(null);
  const [newName, setNewName] = useState('');
  const supported = browserSupportsPasskeys();

  if (isPending) return <Skeleton className="h-20" />;
  if (error) return <ErrorNotice error={error} />;

  const onAdd = () => {
    setProblem(null);
    add.mutate(deviceLabel(t), {
      onSuccess: () => toast.success(t('security.passkeys.added')),
      onError: setProblem,
    });
  };

  return (
    <div>
      {problem != null &&
        (needsFreshSignIn(problem) ? (
          <Notice
            tone="warning"
            role="alert"
            title={t('security.passkeys.freshTitle')}
            className="mb-4"
            data-testid="passkey-fresh"
            action={
              <Button size="sm" variant="secondary" loading={signInAgain.isPending} onClick={() => signInAgain.mutate()}>
                {t('account.signInAgain')}
              </Button>
            }
          >
            {t('security.passkeys.freshBody')}
          </Notice>
        ) : (
          <ErrorNotice error={problem} className="mb-4" data-testid="passkey-error" />
        ))}
      {passkeys.length === 0 ? (
        <p className="text-sm text-zinc-500 dark:text-zinc-400" data-testid="passkeys-none">
          {t('security.passkeys.none')}
        </p>
      ) : (
        <ul className="-my-3.5 divide-y divide-zinc-900/5 dark:divide-white/5" data-testid="passkeys">
          {passkeys.map((p) => (
            <PasskeyRow
              key={p.id}
              passkey={p}
              onRename={() => {
                setNewName(p.name ?? '');
                setRenaming(p);
              }}
              onRemove={() => setRemoving(p)}
            />
          ))}
        </ul>
      )}
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3 border-t border-zinc-900/5 pt-4 dark:border-white/5">
        <p className="text-xs text-zinc-500 dark:text-zinc-400">
          {supported ? t('security.passkeys.twoFactorNote') : t('security.passkeys.unsupported')}
        </p>
        {supported && (
          <Button
            variant="secondary"
            size="sm"
            icon={<KeyIcon size={16} />}
            loading={add.isPending}
            onClick={onAdd}
            data-testid="passkey-add"
          >
            {t('security.passkeys.add')}
          </Button>
        )}
      </div>

      <ConfirmDialog
        open={removing !== null}
        title={t('security.passkeys.removeTitle')}
        description={t('security.passkeys.removeBody', { name: removing?.name || t('security.passkeys.defaultName') })}
        confirmLabel={t('security.passkeys.remove')}
        cancelLabel={t('common.cancel')}
        tone="danger"
        busy={remove.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return;
          setProblem(null);
          remove.mutate(removing.id, {
            onSuccess: () => toast.success(t('security.passkeys.removed')),
            onError: setProblem,
            onSettled: () => setRemoving(null),
          });
        }}
        confirmTestId="confirm-passkey-remove"
      />
      <ConfirmDialog
        open={renaming !== null}
        title={t('security.passkeys.rename')}
        confirmLabel={t('security.passkeys.save')}
        cancelLabel={t('common.cancel')}
        busy={rename.isPending}
        confirmDisabled={newName.trim().length === 0}
        onClose={() => {
          setRenaming(null);
          rename.reset();
        }}
        onConfirm={() => {
          if (!renaming) return;
          rename.mutate(
            { id: renaming.id, name: newName.trim() },
            {
              onSuccess: () => {
                setRenaming(null);
                toast.success(t('security.passkeys.renamed'));
              },
            },
          );
        }}
        confirmTestId="confirm-passkey-rename"
      >
        <TextField
          label={t('security.passkeys.nameLabel')}
          value={newName}
          maxLength={80}
          error={rename.error ? t(errorMessageKey(rename.error)) : null}
          onChange={(e) => setNewName(e.target.value)}
          data-testid="passkey-name-input"
          autoFocus
        />
      </ConfirmDialog>
    </div>
  );
}
