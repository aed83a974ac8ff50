import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from './button.js';
import { Notice } from './notice.js';

/** A failed load, said in plain words, with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => unknown }) {
  const { t } = useTranslation();
  return (
    <Notice
      tone="danger"
      role="alert"
      action={
        <Button variant="secondary" size="sm" onClick={() => void onRetry()}>
          {t('common.retry')}
        </Button>
      }
    >
      {t(errorMessageKey(error))}
    </Notice>
  );
}
