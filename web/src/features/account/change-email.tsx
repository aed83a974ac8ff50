import { type FormEvent, useState } from 'react';
import type { Me } from '../../api/contracts.js';
import { needsFreshSignIn } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { DevMailLink } from '../auth/dev-mail-link.js';
import { useChangeEmail, useSignInAgain } from './use-account.js';

/** The e-mail address, and changing it: a link goes to the new address; a stale session must sign in again first. */
export function ChangeEmail({ me }: { me: Me }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [email, setEmail] = useState('');
  const [error, setError] = useState<string | null>(null);
  const change = useChangeEmail();
  const signInAgain = useSignInAgain();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next = email.trim();
    if (!/^\S+@\S+\.\S+$/.test(next)) return setError(t('errors.auth.invalidEmail'));
    if (next.toLowerCase() === me.email.toLowerCase()) return setError(t('account.email.same'));
    setError(null);
    change.mutate(next);
  };

  return (
    <div>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('auth.email')}</p>
          <p className="mt-0.5 text-sm break-all text-zinc-600 dark:text-zinc-300" data-testid="account-email">
            {me.email}
          </p>
        </div>
        {!editing && !change.isSuccess && (
          <Button variant="secondary" size="sm" onClick={() => setEditing(true)} data-testid="change-email">
            {t('account.email.change')}
          </Button>
        )}
      </div>

      {change.isSuccess ? (
        <Notice tone="success" role="status" title={t('account.email.sentTitle')} className="mt-4" data-testid="email-change-sent">
          {t('account.email.sentBody', { email: email.trim() })}
          <div className="mt-2">
            <DevMailLink />
          </div>
        </Notice>
      ) : (
        editing && (
          <form onSubmit={onSubmit} className="mt-4 space-y-3" noValidate>
            {change.error &&
              (needsFreshSignIn(change.error) ? (
                <Notice
                  tone="warning"
                  role="alert"
                  title={t('account.email.freshTitle')}
                  action={
                    <Button size="sm" variant="secondary" loading={signInAgain.isPending} onClick={() => signInAgain.mutate()}>
                      {t('account.signInAgain')}
                    </Button>
                  }
                >
                  {t('account.email.freshBody')}
                </Notice>
              ) : (
                <ErrorNotice error={change.error} />
              ))}
            <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
              <TextField
                label={t('account.email.new')}
                type="email"
                autoComplete="email"
                value={email}
                error={error}
                hint={t('account.email.hint')}
                onChange={(e) => setEmail(e.target.value)}
                wrapperClassName="flex-1"
                data-testid="new-email"
                autoFocus
              />
              <div className="flex gap-2 sm:pb-[1.375rem]">
                <Button type="submit" loading={change.isPending} data-testid="send-email-change">
                  {t('account.email.send')}
                </Button>
                <Button variant="ghost" onClick={() => setEditing(false)}>
                  {t('common.cancel')}
                </Button>
              </div>
            </div>
          </form>
        )
      )}
    </div>
  );
}
