import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { updateMe } from '../../api/account.js';
import type { Locale, Me, Theme } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { useMe } from '../session/use-session.js';
import { applyPreferences, getPreferences, subscribePreferences } from './preferences-store.js';

/**
 * The current theme and language, and setters that apply them at once on this
 * device and save them to the account when signed in.
 */
export function usePreferences() {
  const { t } = useTranslation();
  const prefs = useSyncExternalStore(subscribePreferences, getPreferences);
  const { data: me } = useMe();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: updateMe,
    onSuccess: (next) => qc.setQueryData<Me | null>(queryKeys.me, next),
    onError: (err) => toast.error(t(errorMessageKey(err))),
  });

  const set = (patch: { theme?: Theme; locale?: Locale }) => {
    applyPreferences({ ...getPreferences(), ...patch });
    if (me) save.mutate(patch);
  };

  return {
    theme: prefs.theme,
    locale: prefs.locale,
    setTheme: (theme: Theme) => set({ theme }),
    setLocale: (locale: Locale) => set({ locale }),
    saving: save.isPending,
  };
}
