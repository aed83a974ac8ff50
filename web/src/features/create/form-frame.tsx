import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { SelectField, TextArea } from '../../components/ui/field.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { DiceIcon } from './dice-button.js';
import { PromptBackdrop } from './prompt-backdrop.js';

const noTags: ReadonlySet<string> = new Set();

/**
 * The Create form before its data (the models, the presets, the draft): its
 * first lines drawn as the form draws them, with the same boxes, so the
 * prompt box is where it will be and the form takes over without a jump
 * (the browser test holds the two boxes equal). Nothing in it works yet:
 * the box is read-only, the buttons disabled; the rest is a placeholder.
 */
export function FormFrame() {
  const { t } = useTranslation();
  return (
    <Card aria-busy="true" data-testid="form-frame">
      <div className="space-y-5 p-5 sm:p-6">
        <div className="flex flex-wrap items-end gap-2">
          <SelectField label={t('create.userPresets.label')} wrapperClassName="min-w-0 flex-1 basis-48" disabled>
            <option>{t('create.userPresets.empty')}</option>
          </SelectField>
          <Button variant="secondary" disabled>
            {t('create.userPresets.save')}
          </Button>
        </div>
        <TextArea
          label={t('create.prompt')}
          placeholder={t('create.promptPlaceholder')}
          rows={5}
          readOnly
          tabIndex={-1}
          underlay={<PromptBackdrop prompt="" unknown={noTags} scrollTop={0} />}
          aside={
            <span className="flex flex-wrap items-center justify-end gap-2">
              <Button size="sm" variant="ghost" icon={<DiceIcon />} disabled>
                {t('create.dice.roll')}
              </Button>
              <Button size="sm" variant="ghost" disabled>
                {t('create.import.button')}
              </Button>
              {/* The counter's place, as wide as the form's (its limit depends on the model). */}
              <span aria-hidden="true" className="inline-block min-w-[6ch] text-xs" />
            </span>
          }
        />
        <Skeleton className="h-[26rem]" />
      </div>
    </Card>
  );
}
