import type { Model, PresetSettings, UserPreset } from '../../api/contracts.js';
import { composeNegative, composePrompt, familyOf, noPresets } from './compose-prompt.js';
import { PresetControls } from './preset-controls.js';
import { parseSeed } from './request-body.js';
import type { CreateDraft } from './use-create-form.js';
import { usePresets } from './use-presets.js';
import { UserPresets } from './user-presets.js';

/**
 * Everything presets add to the Create form, in one place so the form itself
 * changes little: what will be sent (composed from the draft and the chosen
 * presets), the preset controls and the user's presets, and what reusing a
 * prompt from the history does.
 */
export function usePresetWiring(draft: CreateDraft, model: Model | undefined, update: (patch: Partial<CreateDraft>) => void) {
  const presets = usePresets();
  const builtIn = presets.data?.builtIn;
  const family = model ? familyOf(model) : 'natural';
  const takesNegative = Boolean(model?.supportsNegativePrompt);
  const prompt = composePrompt(draft.prompt, family, draft, builtIn);
  const negative = takesNegative ? composeNegative(draft.negativePrompt, family, draft, builtIn) : '';
  const changed = prompt !== draft.prompt.trim() || (takesNegative && negative !== draft.negativePrompt.trim());

  const current: PresetSettings = {
    model: draft.modelId,
    aspectRatio: draft.aspectRatio,
    count: draft.count,
    negativePrompt: draft.negativePrompt.trim(),
    // A locked seed is kept as that seed; otherwise the preset means "a new seed each time".
    seed: draft.seedLocked ? parseSeed(draft.seed) : null,
    quality: draft.quality,
    undesired: draft.undesired,
    style: draft.style,
    ...tuningOf(draft),
  };
  const apply = (p: UserPreset) =>
    update({
      modelId: p.settings.model,
      aspectRatio: p.settings.aspectRatio,
      count: p.settings.count,
      negativePrompt: p.settings.negativePrompt,
      seed: p.settings.seed === null ? '' : String(p.settings.seed),
      seedLocked: p.settings.seed !== null,
      quality: p.settings.quality,
      undesired: p.settings.undesired,
      style: p.settings.style,
      // The preset's own values for its model, or the model's defaults: every setting is the preset's.
      tuning: { ...draft.tuning, [p.settings.model]: p.settings.tuning ?? {} },
      presetId: p.id,
    });

  return {
    family,
    /** False while chosen presets cannot be composed yet (their texts are still loading): Generate waits. */
    ready: Boolean(builtIn) || (!draft.quality && !draft.style && draft.undesired === 'none'),
    /** The prompt and negative prompt Create sends. */
    composed: { prompt, negative },
    presetControls: (
      <PresetControls
        choice={draft}
        builtIn={builtIn}
        takesNegative={takesNegative}
        composed={{ prompt, negative }}
        changed={changed}
        onChange={(patch) => update(patch)}
        onEditComposed={() => update({ prompt, ...(takesNegative ? { negativePrompt: negative } : {}), ...noPresets })}
      />
    ),
    // Shown before the list has loaded too (empty), so nothing below it moves when it arrives.
    userPresets: (
      <UserPresets
        presets={presets.data?.presets ?? []}
        max={presets.data?.max ?? Number.POSITIVE_INFINITY}
        selectedId={draft.presetId}
        current={current}
        onApply={apply}
        onForget={() => update({ presetId: null })}
      />
    ),
    /** A prompt from the history is what was sent, presets included: they are not added again. */
    reuse: (text: string) => update({ prompt: text, quality: false, style: null }),
  };
}

/** The chosen model's steps, guidance, strength and sampler as the user set them, when any is set. */
function tuningOf(draft: CreateDraft): Pick<PresetSettings, 'tuning'> {
  const tuning = draft.tuning[draft.modelId];
  return tuning && Object.keys(tuning).length > 0 ? { tuning } : {};
}
