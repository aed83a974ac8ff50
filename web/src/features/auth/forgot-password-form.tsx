import { type FormEvent, useState } from 'react';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { DevMailLink } from './dev-mail-link.js';
import { useRequestPasswordReset } from './use-auth.js';

/** Asks for a reset link; the answer never says whether the address has an account. */
export function ForgotPasswordForm() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const request = useRequestPasswordReset();

  if (request.isSuccess) {
    return (
      <div className="space-y-4" data-testid="reset-sent">
        <Notice tone="success" role="status" title={t('auth.forgot.sentTitle')}>
          {t('auth.forgot.sentBody', { email: email.trim() })}
        </Notice>
        <DevMailLink />
      </div>
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    request.mutate(email.trim());
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <ErrorNotice error={request.error} />
      <TextField
        label={t('auth.email')}
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <Button type="submit" size="lg" className="w-full" loading={request.isPending} disabled={!email.trim()}>
        {t('auth.forgot.submit')}
      </Button>
    </form>
  );
}
