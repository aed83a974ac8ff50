import { Link, Navigate } from 'react-router';
import { AuthCard } from '../features/auth/auth-card.js';
import { ProviderSignIn, ProviderSignInError } from '../features/auth/provider-sign-in.js';
import { SignUpForm } from '../features/auth/sign-up-form.js';
import { useMe } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /sign-up */
export default function SignUpRoute() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  useDocumentTitle(t('auth.signUp.title'));
  if (me) return <Navigate to="/create" replace />;
  return (
    <AuthCard
      title={t('auth.signUp.title')}
      subtitle={t('auth.signUp.subtitle')}
      footer={
        <>
          {t('auth.signUp.haveAccount')}{' '}
          <Link to="/sign-in" className="font-semibold text-violet-600 hover:underline dark:text-violet-400">
            {t('auth.signUp.signInInstead')}
          </Link>
        </>
      }
      after={<ProviderSignIn next="/create" page="/sign-up" />}
    >
      <ProviderSignInError className="mb-4" />
      <SignUpForm />
    </AuthCard>
  );
}
