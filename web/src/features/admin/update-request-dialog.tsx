import { useState } from 'react';
import { type PrivacyRequest, type PrivacyRequestStatus, privacyRequestStatuses } from '../../api/contracts.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { SelectField, TextArea } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { useUpdatePrivacyRequest } from './use-admin.js';

/** Changes a request's status, with an optional answer that is e-mailed to the requester. */
export function UpdateRequestDialog({ request, onClose }: { request: PrivacyRequest; onClose: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<PrivacyRequestStatus>(request.status === 'open' ? 'in_progress' : request.status);
  const [resolution, setResolution] = useState(request.resolution ?? '');
  const update = useUpdatePrivacyRequest();
  return (
    <ConfirmDialog
      open
      title={t('admin.updateTitle')}
      description={
        <div className="space-y-2">
          <p className="font-medium text-zinc-800 dark:text-zinc-200">
            {t(`privacyRequest.kinds.${request.kind}`)} · {request.email}
          </p>
          <p className="max-h-40 overflow-y-auto rounded-lg bg-zinc-900/[0.04] p-3 whitespace-pre-wrap dark:bg-white/5">
            {request.message}
          </p>
        </div>
      }
      confirmLabel={t('admin.save')}
      cancelLabel={t('common.cancel')}
      busy={update.isPending}
      onClose={onClose}
      onConfirm={() =>
        update.mutate(
          { id: request.id, status, resolution: resolution.trim() || undefined },
          {
            onSuccess: () => {
              toast.success(t('admin.updated'));
              onClose();
            },
          },
        )
      }
      confirmTestId="confirm-update-request"
    >
      <div className="space-y-4">
        <ErrorNotice error={update.error} />
        <SelectField
          label={t('admin.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as PrivacyRequestStatus)}
          data-testid="request-status-select"
        >
          {privacyRequestStatuses.map((s) => (
            <option key={s} value={s}>
              {t(`privacyRequest.status.${s}`)}
            </option>
          ))}
        </SelectField>
        <TextArea
          label={t('admin.resolution')}
          hint={t('admin.resolutionHint')}
          rows={3}
          maxLength={5000}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
          data-testid="request-resolution"
        />
      </div>
    </ConfirmDialog>
  );
}
