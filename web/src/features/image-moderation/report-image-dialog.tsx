import { useState } from 'react';
import { errorMessageKey } from '../../api/errors.js';
import { reportReasonMaxLength } from '../../api/moderation.js';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { TextArea } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { useReportImage } from './use-report-image.js';

/** Asks why an image is wrong (required, at most 1000 characters), sends it to the operators' queue and thanks the user. */
export function ReportImageDialog({ imageId, open, onClose }: { imageId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const report = useReportImage();
  const close = () => {
    report.reset();
    onClose();
  };
  const onSend = () =>
    report.mutate(
      { imageId, reason: reason.trim() },
      {
        onSuccess: () => {
          setReason('');
          close();
          toast.success(t('imageModeration.report.sent'));
        },
      },
    );

  return (
    <ConfirmDialog
      open={open}
      title={t('imageModeration.report.title')}
      description={t('imageModeration.report.body')}
      confirmLabel={t('imageModeration.report.send')}
      cancelLabel={t('common.cancel')}
      busy={report.isPending}
      confirmDisabled={reason.trim() === ''}
      onConfirm={onSend}
      onClose={close}
      confirmTestId="send-report"
    >
      <TextArea
        label={t('imageModeration.report.reason')}
        hint={t('imageModeration.report.reasonHint', { max: reportReasonMaxLength })}
        error={report.error ? t(errorMessageKey(report.error)) : null}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={reportReasonMaxLength}
        required
        rows={4}
        data-testid="report-reason"
      />
    </ConfirmDialog>
  );
}
