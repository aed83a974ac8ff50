import { useTranslation } from '../../i18n/react.js';
import { Button } from './button.js';
import { ErrorNotice } from './error-notice.js';

/** A failed load, said in plain words, with a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => unknown }) {
  const { t } = useTranslation();
  return (
    <ErrorNotice
      error={error}
      action={
        <Button variant="secondary" size="sm" onClick={() => void onRetry()}>
          {t('common.retry')}
        </Button>
      }
    />
  );
}
