import type { Generation } from '../../api/contracts.js';
import { generationFailureKey } from '../../api/errors.js';
import { useTranslation } from '../../i18n/react.js';

/** Why a generation (or some of its images) failed, in the user's language when we know the code. */
export function useFailureText(g: Generation): string | null {
  const { t } = useTranslation();
  if (!g.error) return g.status === 'failed' ? t('generation.failure.internal') : null;
  const key = generationFailureKey(g.error.code);
  return key ? t(key) : g.error.message || t('generation.failure.internal');
}
