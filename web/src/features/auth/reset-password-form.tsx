import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { useResetPassword } from './use-auth.js';

const MIN_PASSWORD = 8;

/** Sets a new password with the token from the e-mailed link, then sends the user to sign in. */
export function ResetPasswordForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reset = useResetPassword();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (password.length < MIN_PASSWORD) return setError(t('errors.auth.passwordTooShort'));
    if (password !== confirm) return setError(t('auth.reset.mismatch'));
    setError(null);
    reset.mutate(
      { token, newPassword: password },
      {
        onSuccess: async () => {
          toast.success(t('auth.reset.done'));
          await navigate('/sign-in', { replace: true });
        },
      },
    );
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <ErrorNotice error={reset.error} data-testid="form-error" />
      <TextField
        label={t('auth.reset.newPassword')}
        type="password"
        name="new-password"
        autoComplete="new-password"
        hint={t('auth.passwordHint', { count: MIN_PASSWORD })}
        value={password}
        error={error}
        onChange={(e) => setPassword(e.target.value)}
      />
      <TextField
        label={t('auth.reset.confirmPassword')}
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
      />
      <Button type="submit" size="lg" className="w-full" loading={reset.isPending}>
        {t('auth.reset.submit')}
      </Button>
    </form>
  );
}
