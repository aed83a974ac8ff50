import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { updateMe } from '../../api/account.js';
import type { Me } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { queryKeys } from '../../api/query-keys.js';
import { Button } from '../../components/ui/button.js';
import { TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';

/** Changes the display name (PATCH /api/me). */
export function ProfileForm({ me }: { me: Me }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [name, setName] = useState(me.name);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: updateMe,
    onSuccess: (next) => {
      qc.setQueryData<Me | null>(queryKeys.me, next);
      toast.success(t('settings.saved'));
    },
    onError: (err) => setError(t(errorMessageKey(err))),
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setError(t('auth.signUp.nameRequired'));
    setError(null);
    save.mutate({ name: trimmed });
  };

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3 sm:flex-row sm:items-end" noValidate>
      <TextField
        label={t('settings.displayName')}
        value={name}
        maxLength={80}
        onChange={(e) => setName(e.target.value)}
        error={error}
        wrapperClassName="flex-1"
        data-testid="display-name-input"
      />
      <Button type="submit" variant="secondary" loading={save.isPending} disabled={name.trim() === me.name} data-testid="save-name">
        {t('common.save')}
      </Button>
    </form>
  );
}
