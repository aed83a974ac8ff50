import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { changePassword } from '../../api/auth.js';
import { passwordErrorKey } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { CheckboxField, TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';

const MIN_PASSWORD = 8;
const MAX_PASSWORD = 128;

/** Current and new password, and (on by default) signing out every other device. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: changePassword,
    onSuccess: (_, input) => {
      setCurrent('');
      setNext('');
      toast.success(t('security.password.changed'), input.revokeOtherSessions ? t('security.password.othersSignedOut') : undefined);
      void qc.invalidateQueries({ queryKey: queryKeys.sessions });
    },
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (next.length < MIN_PASSWORD) return setError(t('errors.auth.passwordTooShort'));
    if (next.length > MAX_PASSWORD) return setError(t('errors.auth.passwordTooLong'));
    if (next === current) return setError(t('security.password.same'));
    setError(null);
    save.mutate({ currentPassword: current, newPassword: next, revokeOtherSessions: signOutOthers });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="change-password-form">
      <ErrorNotice error={save.error} messageKey={passwordErrorKey(save.error)} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('security.password.current')}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <TextField
          label={t('security.password.new')}
          type="password"
          autoComplete="new-password"
          hint={t('auth.passwordHint', { count: MIN_PASSWORD })}
          value={next}
          error={error}
          onChange={(e) => {
            setNext(e.target.value);
            setError(null);
          }}
        />
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <CheckboxField
          label={t('security.password.signOutOthers')}
          checked={signOutOthers}
          onChange={(e) => setSignOutOthers(e.target.checked)}
          data-testid="sign-out-others"
        />
        <Button type="submit" variant="secondary" loading={save.isPending} disabled={!current || !next} data-testid="change-password">
          {t('security.password.submit')}
        </Button>
      </div>
    </form>
  );
}
