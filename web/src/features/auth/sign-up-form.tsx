import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { CheckboxField, TextField } from '../../components/ui/field.js';
import { Trans, useTranslation } from '../../i18n/react.js';
import { useMeta } from '../session/use-session.js';
import { CheckEmail } from './check-email.js';
import { useSignUp } from './use-auth.js';

const MIN_PASSWORD = 8;

/** Creates an account (name, e-mail, password, age confirmation) and asks to verify the address. */
export function SignUpForm() {
  const { t, i18n } = useTranslation();
  const { data: meta } = useMeta();
  const minAge = meta?.minAge ?? 16;
  const [form, setForm] = useState({ name: '', email: '', password: '', ageConfirmed: false });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const signUp = useSignUp();

  if (signUp.isSuccess) return <CheckEmail email={form.email.trim()} reason="signedUp" />;

  const set = <K extends keyof typeof form>(key: K, value: (typeof form)[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {};
    if (!form.name.trim()) next.name = t('auth.signUp.nameRequired');
    if (!/^\S+@\S+\.\S+$/.test(form.email.trim())) next.email = t('errors.auth.invalidEmail');
    if (form.password.length < MIN_PASSWORD) next.password = t('errors.auth.passwordTooShort');
    if (!form.ageConfirmed) next.ageConfirmed = t('auth.signUp.ageRequired', { age: minAge });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    signUp.mutate({
      name: form.name.trim(),
      email: form.email.trim(),
      password: form.password,
      ageConfirmed: true,
      locale: i18n.language === 'ja' ? 'ja' : 'en',
    });
  };

  return (
    // POST: on a page painted before its script runs, a submit must never put the password in the URL.
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <ErrorNotice error={signUp.error} data-testid="form-error" />
      <TextField
        label={t('auth.name')}
        name="name"
        autoComplete="nickname"
        maxLength={80}
        value={form.name}
        error={errors.name}
        onChange={(e) => set('name', e.target.value)}
      />
      <TextField
        label={t('auth.email')}
        type="email"
        name="email"
        autoComplete="email"
        value={form.email}
        error={errors.email}
        onChange={(e) => set('email', e.target.value)}
      />
      <TextField
        label={t('auth.password')}
        type="password"
        name="password"
        autoComplete="new-password"
        hint={t('auth.passwordHint', { count: MIN_PASSWORD })}
        value={form.password}
        error={errors.password}
        onChange={(e) => set('password', e.target.value)}
      />
      <CheckboxField
        label={t('auth.signUp.ageConfirm', { age: minAge })}
        name="ageConfirmed"
        data-testid="age-confirm"
        checked={form.ageConfirmed}
        error={errors.ageConfirmed}
        onChange={(e) => set('ageConfirmed', e.target.checked)}
      />
      <Button type="submit" size="lg" className="w-full" loading={signUp.isPending}>
        {t('auth.signUp.submit')}
      </Button>
      <p className="text-center text-xs text-zinc-500 dark:text-zinc-400" data-testid="sign-up-accept">
        <Trans
          i18nKey="auth.signUp.accept"
          components={{
            terms: <Link to="/terms" className="font-medium text-violet-700 hover:underline dark:text-violet-300" />,
            privacy: <Link to="/privacy" className="font-medium text-violet-700 hover:underline dark:text-violet-300" />,
          }}
        />
      </p>
      {/* Its line is kept while the server's figure loads, so nothing below moves when it arrives. */}
      <p className="min-h-4 text-center text-xs text-zinc-500 dark:text-zinc-400">
        {meta && t('auth.signUp.creditsNote', { count: meta.signupCredits })}
      </p>
    </form>
  );
}
