import { type FormEvent, type ReactNode, useState } from 'react';
import { Button } from '../../components/ui/button.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { CopyIcon } from '../../components/ui/icons.js';
import { QrCode } from '../../components/ui/qr-code.js';
import { useTranslation } from '../../i18n/react.js';
import { copyText } from '../../lib/clipboard.js';
import { toast } from '../../lib/toast.js';
import { BackupCodes } from './backup-codes.js';
import { groupSecret, secretOf, useConfirmTwoFactor } from './use-two-factor.js';

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <li className="relative pl-11">
      <span className="absolute top-0 left-0 grid size-7 place-items-center rounded-full bg-accent-gradient text-xs font-bold text-white">
        {n}
      </span>
      <h3 className="pt-0.5 text-sm font-semibold">{title}</h3>
      <div className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{children}</div>
    </li>
  );
}

/** Scan the QR code (or type the key), save the backup codes, confirm with a first code. */
export function TwoFactorSetup({ totpURI, backupCodes, onCancel }: { totpURI: string; backupCodes: string[]; onCancel: () => void }) {
  const { t } = useTranslation();
  const [code, setCode] = useState('');
  const confirm = useConfirmTwoFactor();
  const secret = secretOf(totpURI);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    confirm.mutate(code.replace(/\s/g, ''), { onSuccess: () => toast.success(t('security.twoFactor.enabled')) });
  };

  return (
    <div
      className="rounded-2xl bg-zinc-900/[0.02] p-4 ring-1 ring-zinc-900/5 sm:p-5 dark:bg-white/[0.02] dark:ring-white/10"
      data-testid="two-factor-setup"
    >
      <ol className="space-y-7">
        <Step n={1} title={t('security.twoFactor.scanTitle')}>
          <p>{t('security.twoFactor.scanBody')}</p>
          <div className="mt-3 flex flex-col items-start gap-4 sm:flex-row sm:items-center">
            <QrCode value={totpURI} label={t('security.twoFactor.qrLabel')} className="size-44 shrink-0" />
            <div className="min-w-0 flex-1">
              <p className="text-xs text-zinc-500 dark:text-zinc-400">{t('security.twoFactor.manualKey')}</p>
              <p
                className="mt-1.5 rounded-lg bg-white px-3 py-2 font-mono text-sm font-semibold tracking-wider break-words text-zinc-900 ring-1 ring-zinc-900/10 select-all dark:bg-ink-900 dark:text-zinc-100 dark:ring-white/10"
                data-testid="totp-secret"
                data-secret={secret}
              >
                {groupSecret(secret)}
              </p>
              <Button
                variant="ghost"
                size="sm"
                icon={<CopyIcon size={16} />}
                className="mt-2 -ml-2"
                onClick={() => void copyText(secret, t('security.twoFactor.keyCopied'), t('security.twoFactor.copyFailed'))}
              >
                {t('security.twoFactor.copyKey')}
              </Button>
            </div>
          </div>
        </Step>
        <Step n={2} title={t('security.twoFactor.codesTitle')}>
          <p className="mb-3">{t('security.twoFactor.codesBody')}</p>
          <BackupCodes codes={backupCodes} />
        </Step>
        <Step n={3} title={t('security.twoFactor.confirmTitle')}>
          <form onSubmit={onSubmit} className="space-y-3" noValidate>
            <ErrorNotice error={confirm.error} />
            <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
              <TextField
                label={t('security.twoFactor.codeLabel')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={7}
                placeholder="123456"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                className="font-mono tracking-[0.3em]"
                wrapperClassName="sm:w-48"
                data-testid="totp-confirm-code"
              />
              <Button type="submit" loading={confirm.isPending} disabled={code.replace(/\s/g, '').length !== 6} data-testid="totp-confirm">
                {t('security.twoFactor.turnOn')}
              </Button>
              <Button variant="ghost" onClick={onCancel} disabled={confirm.isPending}>
                {t('common.cancel')}
              </Button>
            </div>
          </form>
        </Step>
      </ol>
    </div>
  );
}
