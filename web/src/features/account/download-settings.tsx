import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateMe } from '../../api/account.js';
import type { Me } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { CheckboxField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';

/** Whether downloaded images carry the settings that made them (PATCH /api/me `embedSettings`); saved as it is ticked. */
export function DownloadSettings({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const save = useMutation({
    mutationFn: updateMe,
    onSuccess: (next) => {
      qc.setQueryData<Me | null>(queryKeys.me, next);
      toast.success(t('settings.saved'));
    },
    onError: (err) => toast.error(t(errorMessageKey(err))),
  });
  return (
    <div className="mt-6 border-t border-zinc-900/5 pt-5 dark:border-white/5">
      <CheckboxField
        label={
          <>
            <span className="font-medium">{t('settings.embedSettings')}</span>
            <span className="mt-0.5 block text-xs text-zinc-600 dark:text-zinc-400">{t('settings.embedSettingsHint')}</span>
          </>
        }
        checked={save.isPending && save.variables?.embedSettings !== undefined ? save.variables.embedSettings : me.embedSettings}
        disabled={save.isPending}
        onChange={(e) => save.mutate({ embedSettings: e.target.checked })}
        data-testid="embed-settings"
      />
    </div>
  );
}
