import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/client.js';
import type { Generation, Model } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { TextArea } from '../../components/ui/field.js';
import { SparklesIcon } from '../../components/ui/icons.js';
import { Notice } from '../../components/ui/notice.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatNumber } from '../../lib/format.js';
import { toast } from '../../lib/toast.js';
import { AspectLabel } from './aspect-label.js';
import { noPresets } from './compose-prompt.js';
import { CostSummary } from './cost-summary.js';
import { DiceButton } from './dice-button.js';
import { loadDraft, saveDraft } from './draft-store.js';
import { applyImageSettings, ImportNotice, type ImportResult, ImportSettingsButton, imageOf, readSettingsFile } from './import-settings.js';
import { ModelPicker } from './model-picker.js';
import { OptionGroup } from './option-group.js';
import { PromptBackdrop, useUnknownTags } from './prompt-backdrop.js';
import { PromptHistory } from './prompt-history.js';
import { ReferencePicker } from './reference-picker.js';
import { toRequestBody } from './request-body.js';
import { SamplingControls, samplingProblems } from './sampling-controls.js';
import { optionId, TagSuggestionList, TagSuggestionStatus } from './tag-suggestion-list.js';
import { useCreateForm } from './use-create-form.js';
import { usePresetWiring } from './use-preset-wiring.js';
import { useQuote } from './use-quote.js';
import { MAX_REFERENCES, useReferenceUploads } from './use-reference-uploads.js';
import { useSubmitGeneration } from './use-submit-generation.js';
import { useTagAutocomplete } from './use-tag-autocomplete.js';

interface CreateFormProps {
  /** Whose draft this is: it is kept on this device per account. */
  userId: string;
  models: Model[];
  maxCount: number;
  balance: number;
  maxUploadBytes: number;
  /** A generation whose settings fill the form (Remix). */
  remix?: Generation;
}

/** Prompt, model, aspect ratio, count and references, with the total cost shown before submitting. */
export function CreateForm({ userId, models, maxCount, balance, maxUploadBytes, remix }: CreateFormProps) {
  const { t, i18n } = useTranslation();
  // A Remix replaces the draft; otherwise the form starts where this account left it on this device.
  const [saved] = useState(() => (remix ? null : loadDraft(userId)));
  const { draft, model, update, tune, prefill } = useCreateForm(models, maxCount, saved);
  const refLimit = Math.min(model?.maxReferences ?? 0, MAX_REFERENCES);
  const refs = useReferenceUploads(refLimit, maxUploadBytes);
  const submit = useSubmitGeneration();
  const presets = usePresetWiring(draft, model, update);
  const sent = presets.composed;
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  const [imported, setImported] = useState<(ImportResult & { before: typeof draft }) | null>(null);
  const prefilled = useRef<string | null>(null);
  const formId = useId();
  const tagListId = useId();

  useEffect(() => {
    if (saved?.references.length) refs.reset(saved.references);
  }, [saved, refs.reset]);

  // Saved on every change, so nothing typed is lost to a reload, a closed tab or another screen.
  const readyRefs = refs.ready;
  const readyKey = readyRefs.map((u) => u.id).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the uploads change only when their ids do (readyKey)
  useEffect(() => saveDraft(userId, { ...draft, references: readyRefs }), [userId, draft, readyKey]);

  // An image pasted anywhere on the page (Ctrl+V) fills the form like one dropped on the prompt; pasted text is left alone.
  const importRef = useRef<(file: File) => Promise<void>>(null);
  useEffect(() => {
    const onPaste = (e: ClipboardEvent) => {
      const file = imageOf(e.clipboardData?.files);
      if (!file || !importRef.current) return;
      e.preventDefault();
      void importRef.current(file);
    };
    window.addEventListener('paste', onPaste);
    return () => window.removeEventListener('paste', onPaste);
  }, []);

  useEffect(() => {
    if (!remix || prefilled.current === remix.id) return;
    prefilled.current = remix.id;
    prefill(remix);
    refs.reset(remix.references);
  }, [remix, prefill, refs.reset]);

  // A change to the field the server refused clears its message at once.
  const edit = (field: 'prompt' | 'negativePrompt', value: string) => {
    if (fieldError?.field === field) setFieldError(null);
    update({ [field]: value });
  };
  const tagBox = useTagAutocomplete(draft.prompt, (prompt) => edit('prompt', prompt));
  const unknownTags = useUnknownTags(draft.prompt, model?.family === 'sdxl');
  const [promptScroll, setPromptScroll] = useState(0);
  // The server prices exactly what would be sent; until it answers, the catalog's figure stands in.
  const quoteBody =
    model && draft.prompt.trim() && presets.ready && !refs.uploading
      ? toRequestBody(
          { ...draft, prompt: sent.prompt, negativePrompt: sent.negative },
          model,
          refs.ready.map((u) => u.id),
        )
      : null;
  const quoted = useQuote(quoteBody);
  if (!model) return <Notice tone="warning">{t('create.noModels')}</Notice>;

  const total = quoted ?? model.cost * draft.count;
  const tooManyRefs = refs.ready.length > refLimit;
  const missingRef = model.requiresReference && refs.ready.length === 0;
  const tooLong = sent.prompt.length > model.maxPromptLength;
  const hasRefs = refs.ready.length > 0;
  const badSetting = Object.values(samplingProblems(model, draft, hasRefs)).some(Boolean);
  const blocked =
    !draft.prompt.trim() || tooLong || badSetting || total > balance || refs.uploading || tooManyRefs || missingRef || !presets.ready;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    setFieldError(null);
    submit.mutate(
      // What is sent is the composed text (presets around the user's words), shown under the prompt.
      toRequestBody(
        { ...draft, prompt: sent.prompt, negativePrompt: sent.negative },
        model,
        refs.ready.map((u) => u.id),
      ),
      {
        onSuccess: () => {
          toast.success(t('create.queued'));
          // An unlocked seed is used once: the next run gets a new one.
          if (!draft.seedLocked && draft.seed) update({ seed: '' });
        },
        onError: (err) => {
          const message = t(errorMessageKey(err));
          const field = err instanceof ApiError ? err.field : undefined;
          if (field === 'prompt' || field === 'negativePrompt') setFieldError({ field, message });
          else toast.error(message);
        },
      },
    );
  };

  /** Fills the form from the settings inside an image (read in this browser, never uploaded). */
  const importFrom = async (file: File) => {
    const settings = await readSettingsFile(file);
    if (!settings) return setImported({ source: null, filled: [], unused: [], before: draft });
    const { patch, result } = applyImageSettings(settings, models, model, draft.tuning);
    setFieldError(null);
    // The image's prompt is what was sent, presets included: they are not added a second time.
    update({ ...patch, ...noPresets });
    setImported({ ...result, before: imported?.before ?? draft });
  };

  importRef.current = importFrom;

  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : null);
  const promptError = tooLong
    ? t('create.promptTooLong', {
        model: model.name,
        max: formatNumber(model.maxPromptLength, i18n.language),
        length: formatNumber(sent.prompt.length, i18n.language),
      })
    : errorFor('prompt');

  return (
    <Card>
      <form id={formId} onSubmit={onSubmit} className="space-y-5 p-5 sm:p-6" noValidate aria-label={t('create.formLabel')}>
        {presets.userPresets}
        {imported && (
          <ImportNotice
            result={imported}
            onClose={() => setImported(null)}
            onUndo={() => {
              update(imported.before);
              setImported(null);
            }}
          />
        )}
        <div className="relative">
          <TextArea
            label={t('create.prompt')}
            placeholder={t('create.promptPlaceholder')}
            rows={5}
            value={draft.prompt}
            onChange={(e) => {
              edit('prompt', e.target.value);
              tagBox.onInput(e);
            }}
            onSelect={tagBox.track}
            onBlur={tagBox.close}
            onKeyDown={(e) => {
              if (tagBox.onKeyDown(e)) return;
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) e.currentTarget.form?.requestSubmit();
            }}
            // Tag suggestions: the textarea drives the list below it (a textarea cannot take the combobox role).
            aria-autocomplete="list"
            aria-controls={tagBox.open ? tagListId : undefined}
            aria-activedescendant={tagBox.open ? optionId(tagListId, tagBox.activeIndex) : undefined}
            // An image dropped on the prompt fills the form from the settings inside it.
            onDrop={(e) => {
              const file = imageOf(e.dataTransfer.files);
              if (!file) return;
              e.preventDefault();
              void importFrom(file);
            }}
            error={promptError}
            data-testid="prompt-input"
            onScroll={(e) => setPromptScroll(e.currentTarget.scrollTop)}
            underlay={<PromptBackdrop prompt={draft.prompt} unknown={unknownTags} scrollTop={promptScroll} />}
            aside={
              <span className="flex flex-wrap items-center justify-end gap-2">
                <DiceButton prompt={draft.prompt} family={presets.family} onChange={(prompt) => edit('prompt', prompt)} />
                <ImportSettingsButton onFile={(file) => void importFrom(file)} />
                <span
                  className={cn(
                    // At least as wide as "0/5000", the same in the form's frame (form-frame.tsx): a new form keeps its wrapping.
                    'inline-block min-w-[6ch] text-right text-xs tabular-nums',
                    tooLong ? 'font-semibold text-rose-600 dark:text-rose-400' : 'text-zinc-500 dark:text-zinc-400',
                  )}
                  data-testid="prompt-counter"
                >
                  {sent.prompt.length}/{model.maxPromptLength}
                </span>
              </span>
            }
          />
          {tagBox.open && (
            <TagSuggestionList
              id={tagListId}
              tags={tagBox.tags}
              activeIndex={tagBox.activeIndex}
              keepUnderscores={tagBox.keepUnderscores}
              onChoose={tagBox.choose}
              onHover={tagBox.setActive}
            />
          )}
          <TagSuggestionStatus count={tagBox.open ? tagBox.tags.length : 0} />
        </div>
        <PromptHistory
          onReuse={(prompt) => {
            setFieldError(null);
            presets.reuse(prompt);
          }}
        />
        {model.supportsNegativePrompt && (
          <TextArea
            label={t('create.negativePrompt')}
            placeholder={t('create.negativePlaceholder')}
            hint={t('create.negativeHint')}
            rows={2}
            value={draft.negativePrompt}
            onChange={(e) => edit('negativePrompt', e.target.value)}
            error={
              draft.negativePrompt.length > model.maxNegativePromptLength
                ? t('create.negativeTooLong', { model: model.name, max: formatNumber(model.maxNegativePromptLength, i18n.language) })
                : errorFor('negativePrompt')
            }
            data-testid="negative-prompt-input"
          />
        )}
        {presets.presetControls}
        <ModelPicker models={models} value={model.id} onChange={(modelId) => update({ modelId })} />
        <OptionGroup
          legend={t('create.aspectRatio')}
          name="aspect"
          value={draft.aspectRatio}
          options={model.aspectRatios.map((r) => ({ value: r, label: <AspectLabel ratio={r} />, testId: `aspect-${r}` }))}
          onChange={(aspectRatio) => update({ aspectRatio })}
        />
        <OptionGroup
          legend={t('create.count')}
          name="count"
          value={draft.count}
          options={Array.from({ length: maxCount }, (_, i) => ({ value: i + 1, label: String(i + 1), testId: `count-${i + 1}` }))}
          onChange={(count) => update({ count })}
          itemClassName="min-w-12"
        />
        <SamplingControls model={model} draft={draft} hasReferences={hasRefs} onDraft={update} onTune={tune} />
        {(refLimit > 0 || refs.refs.length > 0) && (
          <ReferencePicker refs={refs.refs} limit={refLimit} required={model.requiresReference} onAdd={refs.add} onRemove={refs.remove} />
        )}
        {tooManyRefs && (
          <Notice tone="warning" role="alert">
            {refLimit === 0 ? t('create.references.notSupported') : t('create.references.tooMany', { count: refLimit })}
          </Notice>
        )}
      </form>
      <div
        data-testid="cost-bar"
        className="sticky bottom-[calc(4rem+env(safe-area-inset-bottom))] z-10 flex items-center justify-between gap-3 rounded-b-2xl border-t border-zinc-900/5 bg-white/90 p-4 backdrop-blur-md sm:px-6 md:bottom-0 dark:border-white/5 dark:bg-ink-900/90"
      >
        <CostSummary costPerImage={model.cost} count={draft.count} quoted={quoted} balance={balance} imagesPerTask={model.imagesPerTask} />
        <Button
          type="submit"
          form={formId}
          size="lg"
          icon={<SparklesIcon size={18} />}
          loading={submit.isPending}
          disabled={blocked}
          data-testid="submit-generation"
          title={missingRef ? t('create.references.required') : undefined}
        >
          {t('create.submit')}
        </Button>
      </div>
    </Card>
  );
}
