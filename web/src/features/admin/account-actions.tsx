import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { AccountAction } from '../../api/admin.js';
import type { AdminUser, AdminUserImage, OperatorPermission } from '../../api/contracts.js';
import { Button, type ButtonVariant, buttonClass } from '../../components/ui/button.js';
import { TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { formatNumber } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { AdjustCreditsDialog } from './adjust-credits-dialog.js';
import { may } from './permissions.js';
import { ReasonDialog } from './reason-dialog.js';
import { useAccountAction, useDeleteAccount, useRefundGeneration, useViewImages } from './use-console.js';

type Action = AccountAction | 'credits' | 'refund' | 'images' | 'delete';

interface ActionSpec {
  action: Action;
  permission: OperatorPermission;
  variant: ButtonVariant;
  /** Whether the action makes sense for this account now. */
  when: (u: AdminUser) => boolean;
}

/** Every action on an account, in the order the page offers them. */
const actions: ActionSpec[] = [
  { action: 'credits', permission: 'users.credits', variant: 'secondary', when: () => true },
  { action: 'refund', permission: 'users.credits', variant: 'secondary', when: (u) => u.generations.total > 0 },
  { action: 'suspend', permission: 'users.suspend', variant: 'secondary', when: (u) => !u.suspendedAt },
  { action: 'unsuspend', permission: 'users.suspend', variant: 'secondary', when: (u) => Boolean(u.suspendedAt) },
  { action: 'revokeSessions', permission: 'users.sessions', variant: 'secondary', when: (u) => u.sessions.length > 0 },
  { action: 'resendVerification', permission: 'users.sessions', variant: 'secondary', when: (u) => !u.emailVerified },
  { action: 'images', permission: 'users.images', variant: 'secondary', when: (u) => u.generations.total > 0 },
  { action: 'delete', permission: 'users.delete', variant: 'danger', when: () => true },
];

/** The account actions the operator's role may take, each asking for a reason in a dialog. */
export function AccountActions({
  user,
  role,
  onImages,
}: {
  user: AdminUser;
  role: string;
  /** The images an operator asked to see, once the server has recorded why. */
  onImages: (images: AdminUserImage[]) => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Action | null>(null);
  const offered = actions.filter((a) => may(role, a.permission) && a.when(user));
  return (
    <div>
      <div className="flex flex-wrap gap-2">
        {offered.map((a) => (
          <Button key={a.action} variant={a.variant} onClick={() => setOpen(a.action)} data-testid={`action-${a.action}`}>
            {t(`console.actions.${a.action}.button`)}
          </Button>
        ))}
        {may(role, 'audit') && (
          <Link to={`/admin/audit?user=${encodeURIComponent(user.id)}`} className={buttonClass('ghost')} data-testid="user-audit-link">
            {t('console.user.auditLink')}
          </Link>
        )}
      </div>
      {offered.length === 0 && <p className="text-sm text-zinc-500 dark:text-zinc-400">{t('console.user.noActions')}</p>}
      {open === 'credits' && <AdjustCreditsDialog userId={user.id} balance={user.balance} onClose={() => setOpen(null)} />}
      {open === 'refund' && <RefundDialog user={user} onClose={() => setOpen(null)} />}
      {open === 'images' && <ImagesDialog user={user} onImages={onImages} onClose={() => setOpen(null)} />}
      {open === 'delete' && <DeleteDialog user={user} onClose={() => setOpen(null)} />}
      {open && open !== 'credits' && open !== 'refund' && open !== 'images' && open !== 'delete' && (
        <ReasonActionDialog user={user} action={open} onClose={() => setOpen(null)} />
      )}
    </div>
  );
}

/** Suspend, lift, end sessions, re-send verification: a reason, then a 204. */
function ReasonActionDialog({ user, action, onClose }: { user: AdminUser; action: AccountAction; onClose: () => void }) {
  const { t } = useTranslation();
  const run = useAccountAction(user.id);
  return (
    <ReasonDialog
      title={t(`console.actions.${action}.title`)}
      description={t(`console.actions.${action}.body`, { email: user.email })}
      confirmLabel={t(`console.actions.${action}.button`)}
      tone={action === 'suspend' ? 'danger' : 'primary'}
      busy={run.isPending}
      error={run.error}
      testId={`dialog-${action}`}
      onClose={onClose}
      onConfirm={(reason) =>
        run.mutate(
          { action, reason },
          {
            onSuccess: () => {
              toast.success(t(`console.actions.${action}.done`));
              onClose();
            },
          },
        )
      }
    />
  );
}

/** Refunding one generation, named by its id (the end of its address, /g/<id>, which the user can send). */
function RefundDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [generationId, setGenerationId] = useState('');
  const refund = useRefundGeneration(user.id);
  // Accept a pasted address as well as the bare id.
  const id = generationId.trim().split('/').pop() ?? '';
  return (
    <ReasonDialog
      title={t('console.actions.refund.title')}
      description={t('console.actions.refund.body', { email: user.email })}
      confirmLabel={t('console.actions.refund.button')}
      busy={refund.isPending}
      error={refund.error}
      ready={/^[0-9a-f-]{36}$/i.test(id)}
      testId="dialog-refund"
      onClose={onClose}
      onConfirm={(reason) =>
        refund.mutate(
          { generationId: id, reason },
          {
            onSuccess: (r) => {
              toast.success(
                t('console.actions.refund.done', {
                  credits: formatNumber(r.refunded, i18n.language),
                  balance: formatNumber(r.balance, i18n.language),
                }),
              );
              onClose();
            },
          },
        )
      }
    >
      <TextField
        label={t('console.actions.refund.generation')}
        hint={t('console.actions.refund.generationHint')}
        value={generationId}
        onChange={(e) => setGenerationId(e.target.value)}
        className="font-mono"
        autoComplete="off"
        data-testid="refund-generation-id"
      />
    </ReasonDialog>
  );
}

/** Looking at the account's images: the reason is audited before anything is shown. */
function ImagesDialog({ user, onImages, onClose }: { user: AdminUser; onImages: (images: AdminUserImage[]) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const view = useViewImages(user.id);
  return (
    <ReasonDialog
      title={t('console.actions.images.title')}
      description={t('console.actions.images.body', { email: user.email })}
      confirmLabel={t('console.actions.images.button')}
      busy={view.isPending}
      error={view.error}
      testId="dialog-images"
      onClose={onClose}
      onConfirm={(reason) =>
        view.mutate(reason, {
          onSuccess: (r) => {
            onImages(r.images);
            onClose();
          },
        })
      }
    />
  );
}

/** Erasing the account, as its owner deleting it would: the reason goes to the audit log. */
function DeleteDialog({ user, onClose }: { user: AdminUser; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = useDeleteAccount(user.id);
  return (
    <ReasonDialog
      title={t('console.actions.delete.title')}
      description={t('console.actions.delete.body', { email: user.email })}
      confirmLabel={t('console.actions.delete.button')}
      tone="danger"
      busy={remove.isPending}
      error={remove.error}
      testId="dialog-delete"
      onClose={onClose}
      onConfirm={(reason) =>
        remove.mutate(reason, {
          onSuccess: () => {
            toast.success(t('console.actions.delete.done'));
            void navigate('/admin/users', { replace: true });
          },
        })
      }
    />
  );
}
