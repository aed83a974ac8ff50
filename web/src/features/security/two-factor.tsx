import { type FormEvent, useState } from 'react';
import type { Me } from '../../api/contracts.js';
import { passwordErrorKey } from '../../api/errors.js';
import { Badge } from '../../components/ui/badge.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { TwoFactorSetup } from './two-factor-setup.js';
import { useDisableTwoFactor, useStartTwoFactor } from './use-two-factor.js';

/** Two-factor sign-in: off → password → set up (QR, key, backup codes) → confirm; on → turn off with the password. */
export function TwoFactor({ me }: { me: Me }) {
  const { t } = useTranslation();
  const start = useStartTwoFactor();
  const disable = useDisableTwoFactor();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [turningOff, setTurningOff] = useState(false);

  const status = (
    <Badge tone={me.twoFactorEnabled ? 'success' : 'neutral'} dot data-testid="two-factor-status" data-on={me.twoFactorEnabled}>
      {t(me.twoFactorEnabled ? 'security.twoFactor.on' : 'security.twoFactor.off')}
    </Badge>
  );

  if (me.twoFactorEnabled) {
    const closeDialog = () => {
      setTurningOff(false);
      setPassword('');
      disable.reset();
    };
    return (
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex items-center gap-3">
          {status}
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('security.twoFactor.onBody')}</p>
        </div>
        <Button variant="secondary" onClick={() => setTurningOff(true)} data-testid="two-factor-disable">
          {t('security.twoFactor.turnOff')}
        </Button>
        <ConfirmDialog
          open={turningOff}
          title={t('security.twoFactor.turnOffTitle')}
          description={t('security.twoFactor.turnOffBody')}
          confirmLabel={t('security.twoFactor.turnOff')}
          cancelLabel={t('common.cancel')}
          tone="danger"
          busy={disable.isPending}
          confirmDisabled={!password}
          onClose={closeDialog}
          onConfirm={() =>
            disable.mutate(password, {
              onSuccess: () => {
                closeDialog();
                toast.success(t('security.twoFactor.disabled'));
              },
            })
          }
          confirmTestId="confirm-two-factor-disable"
        >
          <TextField
            label={t('security.password.current')}
            type="password"
            autoComplete="current-password"
            value={password}
            error={disable.error ? t(passwordErrorKey(disable.error)) : null}
            onChange={(e) => setPassword(e.target.value)}
            autoFocus
          />
        </ConfirmDialog>
      </div>
    );
  }

  if (start.data) {
    return (
      <TwoFactorSetup
        totpURI={start.data.totpURI}
        backupCodes={start.data.backupCodes}
        onCancel={() => {
          start.reset();
          setAsking(false);
        }}
      />
    );
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate(password, { onSuccess: () => setPassword('') });
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex items-center gap-3">
          {status}
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{t('security.twoFactor.offBody')}</p>
        </div>
        {!asking && (
          <Button variant="secondary" onClick={() => setAsking(true)} data-testid="two-factor-enable">
            {t('security.twoFactor.setUp')}
          </Button>
        )}
      </div>
      {asking && (
        <form onSubmit={onSubmit} className="space-y-3" noValidate>
          <ErrorNotice error={start.error} messageKey={passwordErrorKey(start.error)} />
          <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
            <TextField
              label={t('security.twoFactor.passwordToStart')}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              wrapperClassName="flex-1"
              data-testid="two-factor-password"
              autoFocus
            />
            <Button type="submit" loading={start.isPending} disabled={!password} data-testid="two-factor-continue">
              {t('security.twoFactor.continue')}
            </Button>
            <Button variant="ghost" onClick={() => setAsking(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
