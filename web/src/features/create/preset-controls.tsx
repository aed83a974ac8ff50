import type { BuiltInPresets, UndesiredLevel } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { CheckboxField, SelectField } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import { noPresets, type PresetChoice } from './compose-prompt.js';

interface PresetControlsProps {
  choice: PresetChoice;
  builtIn: BuiltInPresets | undefined;
  /** Only models that take a negative prompt get the undesired-content choice. */
  takesNegative: boolean;
  /** The prompt and negative prompt as they will be sent. */
  composed: { prompt: string; negative: string };
  /** Whether the presets change what is sent (otherwise no preview is shown). */
  changed: boolean;
  onChange: (patch: Partial<PresetChoice>) => void;
  /** Puts the composed text into the prompt fields and turns the presets off, to edit it by hand. */
  onEditComposed: () => void;
}

const levels: UndesiredLevel[] = ['heavy', 'light', 'none'];

/** Quality tags, a built-in style and undesired content, with what will be sent shown before it is. */
export function PresetControls({ choice, builtIn, takesNegative, composed, changed, onChange, onEditComposed }: PresetControlsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'ja' ? 'ja' : 'en';
  return (
    <fieldset className="space-y-3" data-testid="preset-controls">
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">{t('create.presets.legend')}</legend>
      <CheckboxField
        // The tags themselves show in "Sent to the model" once it is on (here they would arrive late and move the form).
        label={t('create.presets.quality')}
        checked={choice.quality}
        onChange={(e) => onChange({ quality: e.target.checked })}
        data-testid="quality-toggle"
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label={t('create.presets.style')}
          value={choice.style ?? ''}
          onChange={(e) => onChange({ style: e.target.value || null })}
          data-testid="style-select"
        >
          <option value="">{t('create.presets.noStyle')}</option>
          {builtIn?.styles.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name[lang]}
            </option>
          ))}
        </SelectField>
        {takesNegative && (
          <SelectField
            label={t('create.presets.undesired')}
            value={choice.undesired}
            onChange={(e) => onChange({ undesired: e.target.value as UndesiredLevel })}
            data-testid="undesired-select"
          >
            {levels.map((l) => (
              <option key={l} value={l}>
                {t(`create.presets.undesiredLevels.${l}`)}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {changed && (
        <div className="rounded-xl bg-zinc-50 p-3 text-xs ring-1 ring-zinc-200 dark:bg-white/[0.03] dark:ring-white/10">
          <p className="font-medium text-zinc-700 dark:text-zinc-300">{t('create.presets.sent')}</p>
          <p className="mt-1 break-words whitespace-pre-wrap text-zinc-600 dark:text-zinc-400" data-testid="composed-prompt">
            {composed.prompt || '—'}
          </p>
          {takesNegative && composed.negative && (
            <p className="mt-1 break-words text-zinc-500 dark:text-zinc-400" data-testid="composed-negative">
              {t('create.presets.sentNegative', { text: composed.negative })}
            </p>
          )}
          <div className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={onEditComposed} data-testid="edit-composed">
              {t('create.presets.editComposed')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => onChange(noPresets)}>
              {t('create.presets.clear')}
            </Button>
          </div>
        </div>
      )}
    </fieldset>
  );
}
