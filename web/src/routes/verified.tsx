import { Link, useSearchParams } from 'react-router';
import { buttonClass } from '../components/ui/button.js';
import { CheckIcon } from '../components/ui/icons.js';
import { Notice } from '../components/ui/notice.js';
import { Skeleton } from '../components/ui/skeleton.js';
import { AuthCard } from '../features/auth/auth-card.js';
import { SignupGrantNotice } from '../features/auth/signup-grant-notice.js';
import { useMe, useMeta } from '../features/session/use-session.js';
import { useTranslation } from '../i18n/react.js';
import { useDocumentTitle } from '../lib/use-document-title.js';

/** /verified – where the e-mailed verification link lands (signed in, credits granted or why not, or ?error=…). */
export default function VerifiedRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { data: me, isPending } = useMe();
  const { data: meta } = useMeta();
  useDocumentTitle(t('verified.title'));
  // Farming checks can withhold the free credits (disposable address, same mailbox, busy network): say so, not "added".
  const withheld = me?.signupGrant != null && me.signupGrant !== 'granted' && me.signupGrant !== 'pending';

  if (params.get('error')) {
    return (
      <AuthCard title={t('verified.failedTitle')}>
        <div className="space-y-4">
          <Notice tone="danger" role="alert">
            {t('verified.failedBody')}
          </Notice>
          <Link to="/sign-in" className={buttonClass('primary', 'md', 'w-full')}>
            {t('verified.signInToResend')}
          </Link>
        </div>
      </AuthCard>
    );
  }

  return (
    <AuthCard title={t('verified.title')}>
      <div className="text-center" data-testid="verified">
        <div className="mx-auto mb-4 grid size-14 place-items-center rounded-full bg-emerald-500 text-white shadow-lg shadow-emerald-500/25">
          <CheckIcon size={28} />
        </div>
        {isPending ? (
          <Skeleton className="mx-auto h-5 w-64" />
        ) : (
          <>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              {!me
                ? t('verified.signInNow')
                : withheld
                  ? t('verified.welcomeNoCredits', { name: me.name })
                  : t('verified.welcome', { name: me.name, count: meta?.signupCredits ?? 0 })}
            </p>
            <SignupGrantNotice outcome={me?.signupGrant} className="mt-4 text-left" />
          </>
        )}
        <Link to={me ? '/create' : '/sign-in'} className={buttonClass('primary', 'lg', 'mt-6 w-full')} data-testid="verified-continue">
          {me ? t('verified.start') : t('header.signIn')}
        </Link>
      </div>
    </AuthCard>
  );
}
