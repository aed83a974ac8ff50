import type { ReactNode } from 'react';
import { errorMessageKey } from '../../api/errors.js';
import { useTranslation } from '../../i18n/react.js';
import { Notice } from './notice.js';

interface ErrorNoticeProps {
  /** Whatever was thrown; null or undefined (React Query's "no error") renders nothing, so forms can place it unconditionally. */
  error: unknown;
  /** A message more fitting than the generic one for this error (e.g. "wrong password" where the user typed theirs). */
  messageKey?: string;
  /** `warning` for errors that are no fault, only a wait (e.g. a rate limit). */
  tone?: 'danger' | 'warning';
  action?: ReactNode;
  className?: string;
  'data-testid'?: string;
}

/** A failed request said in the user's language, announced to screen readers as it appears. */
export function ErrorNotice({ error, messageKey, tone = 'danger', ...rest }: ErrorNoticeProps) {
  const { t } = useTranslation();
  if (error == null) return null;
  return (
    <Notice tone={tone} role="alert" {...rest}>
      {t(messageKey ?? errorMessageKey(error))}
    </Notice>
  );
}
