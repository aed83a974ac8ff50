import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, Navigate, useSearchParams } from 'react-router';
import { consentToSignup } from '../api/account.js';
import { queryKeys } from '../api/query-keys.js';
import { Button } from '../components/ui/button.js';
import { ErrorNotice } from '../components/ui/error-notice.js';
import { CheckboxField } from '../components/ui/field.js';
import { AuthCard } from '../features/auth/auth-card.js';
import { SignupGrantNotice } from '../features/auth/signup-grant-notice.js';
import { safeNext } from '../features/auth/use-auth.js';
import { useMe, useMeta, useSignOut } from '../features/session/use-session.js';
import { Trans, useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

const linkClass = 'font-medium text-violet-700 hover:underline dark:text-violet-300';

/**
 * /welcome?next=… – the first stop of an account made by signing in with a
 * provider: it confirms the minimum age and accepts the terms, as the e-mail
 * sign-up form asks before the account exists. Until then the server refuses
 * to generate (age_confirmation_required) and every signed-in screen sends
 * the user here (RequireAuth).
 */
export default function WelcomeRoute() {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next')?.startsWith('/welcome') ? null : params.get('next'));
  const { data: me } = useMe();
  const { data: meta } = useMeta();
  const minAge = meta?.minAge ?? 16;
  const qc = useQueryClient();
  const signOut = useSignOut();
  const [form, setForm] = useState({ ageConfirmed: false, termsAccepted: false });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, string>>>({});
  const consent = useMutation({
    mutationFn: consentToSignup,
    // The account now confirmed: this screen sends it on (below).
    onSuccess: (updated) => qc.setQueryData(queryKeys.me, updated),
  });
  useDocumentTitle(t('welcome.title'));
  if (me?.ageConfirmed) return <Navigate to={next} replace />;

  const set = (key: keyof typeof form, value: boolean) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => ({ ...e, [key]: undefined }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing: typeof errors = {};
    if (!form.ageConfirmed) missing.ageConfirmed = t('welcome.ageRequired', { age: minAge });
    if (!form.termsAccepted) missing.termsAccepted = t('welcome.termsRequired');
    setErrors(missing);
    if (Object.keys(missing).length > 0) return;
    consent.mutate({ ageConfirmed: true, termsAccepted: true, locale: i18n.language === 'ja' ? 'ja' : 'en' });
  };

  return (
    <AuthCard
      title={t('welcome.title')}
      subtitle={me ? t('welcome.subtitle', { email: me.email }) : undefined}
      footer={
        <>
          {t('welcome.notNow')}{' '}
          <button
            type="button"
            className="font-semibold text-violet-600 hover:underline dark:text-violet-400"
            onClick={() => signOut.mutate()}
          >
            {t('welcome.signOut')}
          </button>
        </>
      }
    >
      <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate data-testid="welcome-form">
        <ErrorNotice error={consent.error} />
        <CheckboxField
          label={t('auth.signUp.ageConfirm', { age: minAge })}
          name="ageConfirmed"
          data-testid="welcome-age"
          checked={form.ageConfirmed}
          error={errors.ageConfirmed}
          onChange={(e) => set('ageConfirmed', e.target.checked)}
        />
        <CheckboxField
          label={
            <Trans
              i18nKey="welcome.acceptTerms"
              components={{ terms: <Link to="/terms" className={linkClass} />, privacy: <Link to="/privacy" className={linkClass} /> }}
            />
          }
          name="termsAccepted"
          data-testid="welcome-terms"
          checked={form.termsAccepted}
          error={errors.termsAccepted}
          onChange={(e) => set('termsAccepted', e.target.checked)}
        />
        <Button type="submit" size="lg" className="w-full" loading={consent.isPending} data-testid="welcome-submit">
          {t('welcome.submit')}
        </Button>
        <SignupGrantNotice outcome={me?.signupGrant} />
      </form>
    </AuthCard>
  );
}
