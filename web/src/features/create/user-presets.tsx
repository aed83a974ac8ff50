import { type FormEvent, useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { PresetSettings, UserPreset } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { SelectField, TextField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { toast } from '../../lib/toast.js';
import { usePresetMutations } from './use-presets.js';

interface UserPresetsProps {
  presets: UserPreset[];
  max: number;
  /** The preset last applied (from the draft). */
  selectedId: string | null;
  /** Every setting of the form as it is now, to save. */
  current: PresetSettings;
  onApply: (preset: UserPreset) => void;
  onForget: () => void;
}

/** The user's saved presets: apply one, save the form as a new one, rename or delete the chosen one. */
export function UserPresets({ presets, max, selectedId, current, onApply, onForget }: UserPresetsProps) {
  const { t } = useTranslation();
  const { create, update, remove } = usePresetMutations();
  const [naming, setNaming] = useState<{ mode: 'save' | 'rename'; name: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const selected = presets.find((p) => p.id === selectedId) ?? null;

  const messageOf = (err: unknown) =>
    err instanceof ApiError && err.code === 'conflict' && err.field === 'name'
      ? t('create.userPresets.nameTaken')
      : t(errorMessageKey(err));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!naming) return;
    const name = naming.name.trim();
    if (!name) {
      setError(t('create.userPresets.nameRequired'));
      return;
    }
    const done = (p: UserPreset) => {
      setNaming(null);
      setError(null);
      onApply(p);
    };
    const onError = (err: unknown) => setError(messageOf(err));
    if (naming.mode === 'save') {
      create.mutate(
        { name, settings: current },
        {
          onSuccess: (p) => {
            done(p);
            toast.success(t('create.userPresets.saved', { name: p.name }));
          },
          onError,
        },
      );
    } else if (selected) {
      update.mutate({ id: selected.id, name }, { onSuccess: done, onError });
    }
  };
  const startNaming = (mode: 'save' | 'rename') => {
    setError(null);
    setNaming({ mode, name: mode === 'rename' ? (selected?.name ?? '') : '' });
  };

  return (
    <div className="space-y-2" data-testid="user-presets">
      <div className="flex flex-wrap items-end gap-2">
        <SelectField
          label={t('create.userPresets.label')}
          wrapperClassName="min-w-0 flex-1 basis-48"
          value={selected?.id ?? ''}
          onChange={(e) => {
            const preset = presets.find((p) => p.id === e.target.value);
            if (preset) onApply(preset);
            else onForget();
          }}
          data-testid="user-preset-select"
        >
          <option value="">{presets.length ? t('create.userPresets.none') : t('create.userPresets.empty')}</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <Button
          variant="secondary"
          onClick={() => startNaming('save')}
          disabled={presets.length >= max}
          title={presets.length >= max ? t('create.userPresets.full', { count: max }) : undefined}
          data-testid="save-preset"
        >
          {t('create.userPresets.save')}
        </Button>
        {selected && (
          <>
            <Button variant="ghost" onClick={() => startNaming('rename')} data-testid="rename-preset">
              {t('create.userPresets.rename')}
            </Button>
            <Button variant="ghost" onClick={() => setConfirmDelete(true)} data-testid="delete-preset">
              {t('create.userPresets.delete')}
            </Button>
          </>
        )}
      </div>
      {naming && (
        // Not a nested <form>: this sits inside the Create form, so Enter is handled here.
        <div className="flex flex-wrap items-start gap-2" data-testid="preset-name-form">
          <TextField
            label={naming.mode === 'save' ? t('create.userPresets.newName') : t('create.userPresets.renameTo')}
            wrapperClassName="min-w-0 flex-1 basis-48"
            value={naming.name}
            maxLength={60}
            autoFocus
            error={error}
            onChange={(e) => setNaming({ ...naming, name: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') onSubmit(e);
              if (e.key === 'Escape') setNaming(null);
            }}
            data-testid="preset-name-input"
          />
          <div className="flex gap-2 sm:pt-7">
            <Button onClick={onSubmit} loading={create.isPending || update.isPending} data-testid="preset-name-confirm">
              {naming.mode === 'save' ? t('create.userPresets.confirmSave') : t('create.userPresets.confirmRename')}
            </Button>
            <Button variant="ghost" onClick={() => setNaming(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      )}
      {confirmDelete && selected && (
        // Inline, not a modal: a dialog's own <form> would sit inside the Create form.
        <div className="flex flex-wrap items-center gap-2 rounded-xl bg-rose-50 p-3 text-sm ring-1 ring-rose-200 dark:bg-rose-500/10 dark:ring-rose-400/30">
          <span className="min-w-0 flex-1 break-words">{t('create.userPresets.deleteTitle', { name: selected.name })}</span>
          <Button
            variant="danger"
            size="sm"
            loading={remove.isPending}
            onClick={() =>
              remove.mutate(selected.id, {
                onSuccess: () => {
                  setConfirmDelete(false);
                  onForget();
                },
                onError: (err) => toast.error(messageOf(err)),
              })
            }
            data-testid="confirm-delete-preset"
          >
            {t('create.userPresets.delete')}
          </Button>
          <Button variant="ghost" size="sm" onClick={() => setConfirmDelete(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      )}
    </div>
  );
}
