import { Link, useSearchParams } from 'react-router';
import { buttonClass } from '../components/ui/button.js';
import { Notice } from '../components/ui/notice.js';
import { AuthCard } from '../features/auth/auth-card.js';
import { ResetPasswordForm } from '../features/auth/reset-password-form.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /reset-password?token=… (Better Auth redirects here from the e-mailed link, or with ?error=INVALID_TOKEN). */
export default function ResetPasswordRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token');
  useDocumentTitle(t('auth.reset.title'));
  return (
    <AuthCard title={t('auth.reset.title')} subtitle={token ? t('auth.reset.subtitle') : undefined}>
      {token && !params.get('error') ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="space-y-4">
          <Notice tone="danger" role="alert">
            {t('errors.auth.invalidToken')}
          </Notice>
          <Link to="/forgot-password" className={buttonClass('primary', 'md', 'w-full')}>
            {t('auth.reset.requestNew')}
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
