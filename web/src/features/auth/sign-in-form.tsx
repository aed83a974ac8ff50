import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { isEmailNotVerified } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { CheckEmail } from './check-email.js';
import { TwoFactorStep } from './two-factor-step.js';
import { useSignIn } from './use-auth.js';

/** E-mail and password sign-in; an unverified address turns into "check your e-mail", two-factor into a code step. */
export function SignInForm({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn(next);

  if (signIn.error && isEmailNotVerified(signIn.error)) return <CheckEmail email={email} reason="notVerified" />;
  if (signIn.data?.twoFactorRedirect) {
    return (
      <TwoFactorStep
        next={next}
        onBack={() => {
          signIn.reset();
          setPassword('');
        }}
      />
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate({ email: email.trim(), password });
  };

  return (
    // POST: on a page painted before its script runs, a submit must never put the password in the URL.
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <ErrorNotice error={signIn.error} data-testid="form-error" />
      <TextField
        label={t('auth.email')}
        type="email"
        name="email"
        autoComplete="email"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
      />
      <TextField
        label={t('auth.password')}
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        aside={
          <Link to="/forgot-password" className="text-xs font-medium text-violet-600 hover:underline dark:text-violet-400">
            {t('auth.forgotLink')}
          </Link>
        }
      />
      <Button type="submit" size="lg" className="w-full" loading={signIn.isPending} disabled={!email || !password}>
        {t('auth.signIn.submit')}
      </Button>
    </form>
  );
}
