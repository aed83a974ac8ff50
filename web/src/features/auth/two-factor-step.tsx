import { type FormEvent, useState } from 'react';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { KeyIcon, LockIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { useVerifyTwoFactor } from './use-auth.js';

/** After the password, for accounts with two-factor sign-in: the app's 6-digit code, or a backup code. */
export function TwoFactorStep({ next, onBack }: { next: string | null; onBack: () => void }) {
  const { t } = useTranslation();
  const [method, setMethod] = useState<'totp' | 'backup'>('totp');
  const [code, setCode] = useState('');
  const verify = useVerifyTwoFactor(next);
  const clean = method === 'totp' ? code.replace(/\s/g, '') : code.trim();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    verify.mutate({ code: clean, method });
  };
  const switchTo = (m: 'totp' | 'backup') => {
    setMethod(m);
    setCode('');
    verify.reset();
  };

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate data-testid="two-factor-step">
      <div className="flex items-start gap-3 rounded-xl bg-violet-50 p-3.5 text-sm text-violet-900 dark:bg-violet-400/10 dark:text-violet-100">
        {method === 'totp' ? <LockIcon size={20} className="shrink-0" /> : <KeyIcon size={20} className="shrink-0" />}
        <p>{t(method === 'totp' ? 'auth.twoFactor.totpHint' : 'auth.twoFactor.backupHint')}</p>
      </div>
      <ErrorNotice error={verify.error} data-testid="form-error" />
      <TextField
        key={method}
        label={t(method === 'totp' ? 'auth.twoFactor.totpLabel' : 'auth.twoFactor.backupLabel')}
        inputMode={method === 'totp' ? 'numeric' : 'text'}
        autoComplete="one-time-code"
        autoCapitalize="off"
        spellCheck={false}
        maxLength={method === 'totp' ? 7 : 32}
        value={code}
        onChange={(e) => setCode(e.target.value)}
        className="text-center font-mono text-lg tracking-[0.3em]"
        data-testid="two-factor-code"
        autoFocus
      />
      <Button
        type="submit"
        size="lg"
        className="w-full"
        loading={verify.isPending}
        disabled={method === 'totp' ? clean.length !== 6 : clean.length < 4}
        data-testid="two-factor-submit"
      >
        {t('auth.twoFactor.submit')}
      </Button>
      <div className="flex items-center justify-between text-sm">
        <button
          type="button"
          onClick={onBack}
          className="font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
        >
          {t('auth.backToSignIn')}
        </button>
        <button
          type="button"
          onClick={() => switchTo(method === 'totp' ? 'backup' : 'totp')}
          className="font-semibold text-violet-600 hover:underline dark:text-violet-400"
          data-testid="two-factor-switch"
        >
          {t(method === 'totp' ? 'auth.twoFactor.useBackup' : 'auth.twoFactor.useApp')}
        </button>
      </div>
    </form>
  );
}
