import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { MailIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { DevMailLink } from './dev-mail-link.js';
import { useResendVerification } from './use-auth.js';

/** "Check your e-mail": shown after sign-up and when signing in before verification. */
export function CheckEmail({ email, reason }: { email: string; reason: 'signedUp' | 'notVerified' }) {
  const { t } = useTranslation();
  const resend = useResendVerification();
  return (
    <div data-testid="check-email" role="status" className="text-center">
      <div className="mx-auto mb-4 grid size-14 place-items-center rounded-2xl bg-accent-gradient text-white shadow-lg shadow-sakura-500/25">
        <MailIcon size={26} />
      </div>
      <h2 className="text-lg font-semibold">{t('auth.checkEmail.title')}</h2>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        {t(reason === 'signedUp' ? 'auth.checkEmail.signedUp' : 'auth.checkEmail.notVerified', { email })}
      </p>
      <div className="mt-6 flex flex-col items-center gap-3">
        <Button
          variant="secondary"
          loading={resend.isPending}
          disabled={resend.coolingDown}
          data-testid="resend-verification"
          onClick={() =>
            resend.mutate(email, {
              onSuccess: () => toast.success(t('auth.checkEmail.resent')),
              onError: (err) => toast.error(t(errorMessageKey(err))),
            })
          }
        >
          {resend.coolingDown ? t('auth.checkEmail.resentShort') : t('auth.checkEmail.resend')}
        </Button>
        <DevMailLink />
      </div>
    </div>
  );
}
