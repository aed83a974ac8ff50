import { SelectField, TextArea } from '../../components/ui/field.js';
import { useTranslation } from '../../i18n/react.js';
import type { ToolError, ToolField } from './tool-errors.js';
import { type ImageTool, takesAspectRatio, takesCount, takesPrompt } from './tool-offers.js';
import type { useToolForm } from './use-tool-form.js';

interface ToolFieldsProps {
  tool: ImageTool;
  form: ReturnType<typeof useToolForm>;
  maxCount: number;
  error: ToolError | null;
  onEdit: (field: ToolField) => void;
}

/** The controls the chosen tool and model take, and no others. */
export function ToolFields({ tool, form, maxCount, error, onEdit }: ToolFieldsProps) {
  const { t } = useTranslation();
  const { picked, draft, update } = form;
  if (!picked) return null;
  const { model, offer } = picked;
  const errorFor = (...fields: ToolField[]) => (error?.field && fields.includes(error.field) ? t(error.key) : null);
  const edit = (field: ToolField, patch: Parameters<typeof update>[0]) => {
    onEdit(field);
    update(patch);
  };
  const strength = offer.strength;

  return (
    <>
      <SelectField
        label={t('tools.model')}
        value={model.id}
        onChange={(e) => {
          onEdit('model');
          form.setModelId(e.target.value);
        }}
        error={errorFor('model', 'tool')}
        data-testid="tool-model"
      >
        {form.offers.map(({ model: m, offer: o }) => (
          <option key={m.id} value={m.id}>
            {t('tools.modelOption', { name: m.name, count: o.cost })}
          </option>
        ))}
      </SelectField>
      {takesPrompt(tool) && (
        <TextArea
          label={t('tools.prompt')}
          hint={tool === 'variations' ? t('tools.promptOptional') : undefined}
          value={draft.prompt}
          maxLength={model.maxPromptLength}
          rows={3}
          onChange={(e) => edit('prompt', { prompt: e.target.value })}
          error={errorFor('prompt')}
          data-testid="tool-prompt"
        />
      )}
      {takesPrompt(tool) && model.supportsNegativePrompt && (
        <TextArea
          label={t('tools.negativePrompt')}
          value={draft.negativePrompt}
          maxLength={model.maxNegativePromptLength}
          rows={2}
          onChange={(e) => edit('negativePrompt', { negativePrompt: e.target.value })}
          error={errorFor('negativePrompt')}
        />
      )}
      {strength && (
        <div>
          <label className="block text-sm">
            <span className="flex justify-between font-medium text-zinc-800 dark:text-zinc-200">
              {t('tools.strength')}
              <span className="tabular-nums text-zinc-500 dark:text-zinc-400">{draft.strength ?? strength.default}</span>
            </span>
            <input
              type="range"
              className="mt-1 w-full accent-violet-600"
              min={strength.min}
              max={strength.max}
              step={strength.step}
              value={draft.strength ?? strength.default}
              onChange={(e) => edit('strength', { strength: Number(e.target.value) })}
              data-testid="tool-strength"
            />
          </label>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">{t('tools.strengthHint')}</p>
          {errorFor('strength') && (
            <p className="mt-1 text-xs font-medium text-rose-600 dark:text-rose-400" role="alert">
              {errorFor('strength')}
            </p>
          )}
        </div>
      )}
      {tool === 'upscale' && (
        <SelectField
          label={t('tools.factor')}
          value={String(draft.factor ?? offer.factors[0] ?? 2)}
          onChange={(e) => edit('factor', { factor: Number(e.target.value) })}
          error={errorFor('factor')}
          data-testid="tool-factor"
        >
          {offer.factors.map((f) => (
            <option key={f} value={f}>
              {t('tools.factorOption', { factor: f })}
            </option>
          ))}
        </SelectField>
      )}
      {takesAspectRatio(tool) && (
        <SelectField
          label={t('tools.aspectRatio')}
          value={draft.aspectRatio ?? model.aspectRatios[0] ?? ''}
          onChange={(e) => edit('aspectRatio', { aspectRatio: e.target.value })}
          error={errorFor('aspectRatio')}
        >
          {model.aspectRatios.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
      )}
      {takesCount(tool) && (
        <SelectField
          label={t('tools.count')}
          value={String(draft.count)}
          onChange={(e) => edit('count', { count: Number(e.target.value) })}
          error={errorFor('count')}
        >
          {Array.from({ length: maxCount }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
      )}
    </>
  );
}
