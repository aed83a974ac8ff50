import { Link, Navigate, useSearchParams } from 'react-router';
import { AuthCard } from '../features/auth/auth-card.js';
import { ProviderSignIn, ProviderSignInError } from '../features/auth/provider-sign-in.js';
import { SignInForm } from '../features/auth/sign-in-form.js';
import { safeNext } from '../features/auth/use-auth.js';
import { useMe } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /sign-in?next=… (and ?error=… when a provider sign-in came back without a session) */
export default function SignInRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const next = params.get('next');
  const { data: me } = useMe();
  useDocumentTitle(t('auth.signIn.title'));
  if (me) return <Navigate to={safeNext(next)} replace />;
  return (
    <AuthCard
      title={t('auth.signIn.title')}
      subtitle={t('auth.signIn.subtitle')}
      footer={
        <>
          {t('auth.signIn.noAccount')}{' '}
          <Link to="/sign-up" className="font-semibold text-violet-600 hover:underline dark:text-violet-400">
            {t('auth.signIn.createOne')}
          </Link>
        </>
      }
      after={<ProviderSignIn next={safeNext(next)} page="/sign-in" />}
    >
      <ProviderSignInError className="mb-4" />
      <SignInForm next={next} />
    </AuthCard>
  );
}
