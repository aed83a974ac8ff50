import { type ReactNode, useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/ui/dialog.js';
import { ErrorNotice } from '../../components/ui/error-notice.js';
import { TextArea } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';

/** What the server accepts as a reason (contracts/admin.ts operatorReasonSchema). */
export const REASON_MIN = 3;
export const REASON_MAX = 500;

interface ReasonDialogProps {
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  tone?: 'primary' | 'danger';
  busy: boolean;
  /** The last attempt's error, shown in the user's language above the fields. */
  error: unknown;
  onConfirm: (reason: string) => void;
  onClose: () => void;
  /** Fields the action needs besides the reason (e.g. an amount); `ready` false keeps the button off. */
  children?: ReactNode;
  ready?: boolean;
  testId: string;
}

/**
 * An operator action asked for with a reason: the reason is written to the
 * audit log beside the action. Mount it when the action starts; it holds its
 * own text and is gone once the action is done or cancelled.
 */
export function ReasonDialog({
  title,
  description,
  confirmLabel,
  tone,
  busy,
  error,
  onConfirm,
  onClose,
  children,
  ready = true,
  testId,
}: ReasonDialogProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  // A double click submits twice before `busy` reaches the button: the second is dropped until this attempt ends.
  const submitted = useRef(false);
  useEffect(() => {
    if (!busy) submitted.current = false;
  }, [busy]);
  return (
    <ConfirmDialog
      open
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      cancelLabel={t('common.cancel')}
      tone={tone}
      busy={busy}
      confirmDisabled={!ready || trimmed.length < REASON_MIN}
      onClose={onClose}
      onConfirm={() => {
        if (submitted.current) return;
        submitted.current = true;
        onConfirm(trimmed);
      }}
      confirmTestId={`confirm-${testId}`}
    >
      <div className="space-y-4" data-testid={testId}>
        <ErrorNotice error={error} />
        {children}
        <TextArea
          label={t('console.reason.label')}
          hint={t('console.reason.hint')}
          rows={3}
          required
          minLength={REASON_MIN}
          maxLength={REASON_MAX}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid="action-reason"
        />
      </div>
    </ConfirmDialog>
  );
}
