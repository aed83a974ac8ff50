import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { isEmailNotVerified } from '../../api/errors.js';
import { browserSupportsPasskeys } from '../../api/passkeys.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { KeyIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { CheckEmail } from './check-email.js';
import { TwoFactorStep } from './two-factor-step.js';
import { usePasskeySignIn, useSignIn } from './use-auth.js';

/**
 * "Sign in with a passkey" under the form. The page is prerendered without
 * knowing the browser, so the button's place is always kept and it only
 * becomes visible once WebAuthn is found: nothing moves either way.
 */
function PasskeyButton({ busy, onClick }: { busy: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const [supported, setSupported] = useState(false);
  useEffect(() => setSupported(browserSupportsPasskeys()), []);
  return (
    <div className={supported ? undefined : 'invisible'} aria-hidden={supported ? undefined : true} data-testid="passkey-sign-in-area">
      <div className="my-4 flex items-center gap-3 text-xs text-zinc-400 dark:text-zinc-500">
        <span className="h-px flex-1 bg-zinc-900/10 dark:bg-white/10" />
        {t('auth.signIn.or')}
        <span className="h-px flex-1 bg-zinc-900/10 dark:bg-white/10" />
      </div>
      <Button
        type="button"
        variant="secondary"
        size="lg"
        className="w-full"
        icon={<KeyIcon size={18} />}
        loading={busy}
        disabled={!supported}
        tabIndex={supported ? undefined : -1}
        onClick={onClick}
        data-testid="passkey-sign-in"
      >
        {t('auth.signIn.passkey')}
      </Button>
    </div>
  );
}

/** E-mail and password sign-in, or a passkey; an unverified address turns into "check your e-mail", two-factor into a code step. */
export function SignInForm({ next }: { next: string | null }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn(next);
  const passkey = usePasskeySignIn(next);

  if (signIn.error && isEmailNotVerified(signIn.error)) return <CheckEmail email={email} reason="notVerified" />;
  if (signIn.data?.twoFactorRedirect || passkey.data?.twoFactorRedirect) {
    return (
      <TwoFactorStep
        next={next}
        onBack={() => {
          signIn.reset();
          passkey.reset();
          setPassword('');
        }}
      />
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    passkey.reset();
    signIn.mutate({ email: email.trim(), password });
  };

  return (
    // POST: on a page painted before its script runs, a submit must never put the password in the URL.
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <ErrorNotice error={signIn.error ?? passkey.error} data-testid="form-error" />
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
      <PasskeyButton
        busy={passkey.isPending}
        onClick={() => {
          signIn.reset();
          passkey.mutate();
        }}
      />
    </form>
  );
}
