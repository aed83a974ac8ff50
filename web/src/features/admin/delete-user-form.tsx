import { type FormEvent, useState } from 'react';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { useAdminDeleteUser } from './use-admin.js';

/** Deletes a reported account by its e-mail address or user id, after confirmation. */
export function DeleteUserForm() {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [confirming, setConfirming] = useState(false);
  const remove = useAdminDeleteUser();
  const id = userId.trim();

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (id) setConfirming(true);
  };

  // The dialog holds its own <form>, so it sits beside this one: a form inside a form never submits.
  return (
    <>
      <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
        <TextField
          label={t('admin.userId')}
          hint={t('admin.userIdHint')}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          className="font-mono"
          wrapperClassName="flex-1"
          data-testid="admin-user-id"
        />
        <Button type="submit" variant="danger" disabled={!id} className="sm:mb-[1.375rem]" data-testid="admin-delete-user">
          {t('admin.deleteUser')}
        </Button>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('admin.deleteUserTitle')}
        description={t('admin.deleteUserBody', { id })}
        confirmLabel={t('admin.deleteUser')}
        cancelLabel={t('common.cancel')}
        tone="danger"
        busy={remove.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={() =>
          remove.mutate(id, {
            onSuccess: () => {
              setConfirming(false);
              setUserId('');
              toast.success(t('admin.userDeleted'));
            },
            onError: (err) => {
              setConfirming(false);
              toast.error(t(errorMessageKey(err)));
            },
          })
        }
        confirmTestId="confirm-admin-delete-user"
      />
    </>
  );
}
