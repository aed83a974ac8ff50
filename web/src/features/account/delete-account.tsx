import { useState } from 'react';
import { errorMessageKey, passwordErrorKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { TextField } from '../../components/ui/field.js';
import { TrashIcon } from '../../components/ui/icons.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { useMe } from '../session/use-session.js';
import { useDeleteAccount } from './use-account.js';

/** What deleting erases and what it keeps (pseudonymised), as list keys. */
const erased = ['profile', 'images', 'sessions', 'exports'] as const;

/**
 * The danger zone: delete the account after confirming with the password, or
 * for an account without one (made by a sign-in provider) with a sign-in
 * within the last 10 minutes, which the server checks.
 */
export function DeleteAccount() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const withPassword = me?.hasPassword !== false;
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const remove = useDeleteAccount();
  const close = () => {
    setOpen(false);
    setPassword('');
    remove.reset();
  };

  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('account.delete.summary')}</p>
      <Button variant="danger" icon={<TrashIcon size={18} />} onClick={() => setOpen(true)} data-testid="delete-account">
        {t('account.delete.button')}
      </Button>
      <ConfirmDialog
        open={open}
        title={t('account.delete.title')}
        description={
          <div className="space-y-3">
            <p>{t('account.delete.intro')}</p>
            <ul className="list-disc space-y-1 pl-5 marker:text-rose-400">
              {erased.map((k) => (
                <li key={k}>{t(`account.delete.erased.${k}`)}</li>
              ))}
            </ul>
            <p className="rounded-lg bg-zinc-900/[0.04] p-3 text-xs dark:bg-white/5">{t('account.delete.kept')}</p>
          </div>
        }
        confirmLabel={t('account.delete.confirm')}
        cancelLabel={t('common.cancel')}
        tone="danger"
        busy={remove.isPending}
        confirmDisabled={withPassword && !password}
        onClose={close}
        onConfirm={() => remove.mutate(password)}
        confirmTestId="confirm-delete-account"
      >
        {withPassword ? (
          <TextField
            label={t('account.delete.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={remove.error ? t(passwordErrorKey(remove.error)) : null}
            data-testid="delete-account-password"
          />
        ) : (
          <Notice tone={remove.error ? 'danger' : 'info'} role={remove.error ? 'alert' : undefined}>
            {remove.error ? t(errorMessageKey(remove.error)) : t('account.delete.recentSignIn')}
          </Notice>
        )}
      </ConfirmDialog>
    </div>
  );
}
