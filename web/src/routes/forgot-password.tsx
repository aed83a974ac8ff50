import { Link } from 'react-router';
import { AuthCard } from '../features/auth/auth-card.js';
import { ForgotPasswordForm } from '../features/auth/forgot-password-form.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /forgot-password */
export default function ForgotPasswordRoute() {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.forgot.title'));
  return (
    <AuthCard
      title={t('auth.forgot.title')}
      subtitle={t('auth.forgot.subtitle')}
      footer={
        <Link to="/sign-in" className="font-semibold text-violet-600 hover:underline dark:text-violet-400">
          {t('auth.backToSignIn')}
        </Link>
      }
    >
      <ForgotPasswordForm />
    </AuthCard>
  );
}
