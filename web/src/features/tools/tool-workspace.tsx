import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Model } from '../../api/contracts.js';
import { Button } from '../../components/ui/button.js';
import { Card } from '../../components/ui/card.js';
import { CoinsIcon } from '../../components/ui/icons.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { useTranslation } from '../../i18n/react.js';
import { useSubmitGeneration } from '../create/use-submit-generation.js';
import { MaskEditor } from './mask-editor.js';
import { hasPaint } from './mask-strokes.js';
import { type ToolError, type ToolField, toolError } from './tool-errors.js';
import { ToolFields } from './tool-fields.js';
import { type ImageTool, type ToolSource, takesPrompt } from './tool-offers.js';
import { ToolPicker } from './tool-picker.js';
import { useMaskEditor } from './use-mask-editor.js';
import { useMaskUpload } from './use-mask-upload.js';
import { useNaturalSize } from './use-natural-size.js';
import { useToolForm } from './use-tool-form.js';

interface ToolWorkspaceProps {
  models: Model[];
  tools: ImageTool[];
  tool: ImageTool;
  onToolChange: (tool: ImageTool) => void;
  source: ToolSource;
  maxCount: number;
  balance: number;
}

export const sourceUrl = (s: ToolSource) => (s.kind === 'image' ? `/api/files/images/${s.id}/original` : `/api/files/uploads/${s.id}`);

/** The source (or, for inpaint, the mask editor over it) beside the chosen tool's form, its quote and submit. */
export function ToolWorkspace({ models, tools, tool, onToolChange, source, maxCount, balance }: ToolWorkspaceProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const src = sourceUrl(source);
  const natural = useNaturalSize(src);
  const mask = useMaskEditor(tool === 'inpaint');
  const maskUpload = useMaskUpload(mask.history, tool === 'inpaint' ? natural.size : null, mask.feather);
  const form = useToolForm(models, tool, source, hasPaint(mask.history));
  const submit = useSubmitGeneration();
  const [error, setError] = useState<ToolError | null>(null);
  const onEdit = (field: ToolField) => setError((e) => (e?.field === field ? null : e));
  const errorFor = (...fields: ToolField[]) => (error?.field && fields.includes(error.field) ? t(error.key) : null);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.body) {
      // Say what is missing next to it rather than sending a request the server would refuse.
      if (tool === 'inpaint' && !hasPaint(mask.history)) setError({ field: 'maskUploadId', key: 'tools.errors.maskUploadId' });
      else if (takesPrompt(tool)) setError({ field: 'prompt', key: 'tools.errors.prompt' });
      return;
    }
    setError(null);
    let body = form.body;
    if (tool === 'inpaint') {
      const maskUploadId = await maskUpload.upload();
      if (!maskUploadId) return; // the status line says the mask could not be saved
      body = { ...body, maskUploadId };
    }
    submit.mutate(body, {
      onSuccess: (g) => navigate(`/g/${g.id}`),
      onError: (err) => setError(toolError(err)),
    });
  };

  const cost = form.quote;
  const alt = t('tools.sourceAlt');
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(20rem,2fr)] lg:items-start">
      <section aria-label={t('tools.sourceLabel')} className="space-y-2">
        {natural.failed ? (
          <p role="alert" className="text-sm font-medium text-rose-600 dark:text-rose-400">
            {t('tools.sourceMissing')}
          </p>
        ) : !natural.size ? (
          <Skeleton className="aspect-square rounded-xl" />
        ) : tool === 'inpaint' ? (
          <MaskEditor src={src} alt={alt} natural={natural.size} state={mask} />
        ) : (
          <img src={src} alt={alt} className="w-full rounded-xl ring-1 ring-zinc-900/10 dark:ring-white/10" data-testid="tool-source" />
        )}
        {natural.size && (
          <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="tool-source-size">
            {natural.size.width} × {natural.size.height}
          </p>
        )}
        {errorFor('sourceImageId', 'sourceUploadId', 'maskUploadId') && (
          <p role="alert" className="text-sm font-medium text-rose-600 dark:text-rose-400" data-testid="tool-source-error">
            {errorFor('sourceImageId', 'sourceUploadId', 'maskUploadId')}
          </p>
        )}
      </section>
      <Card>
        <form onSubmit={onSubmit} noValidate className="space-y-5 p-5 sm:p-6" aria-label={t('tools.formLabel')}>
          <ToolPicker tools={tools} value={tool} onChange={onToolChange} />
          <ToolFields tool={tool} form={form} maxCount={maxCount} error={error} onEdit={onEdit} />
          {tool === 'inpaint' && (
            <p className="text-xs text-zinc-500 dark:text-zinc-400" aria-live="polite">
              {maskUpload.busy
                ? t('tools.maskSaving')
                : maskUpload.failed
                  ? t('tools.maskFailed')
                  : hasPaint(mask.history)
                    ? t('tools.maskReady')
                    : t('tools.maskEmpty')}
            </p>
          )}
          <div className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-900/5 pt-4 dark:border-white/5">
            <p className="inline-flex items-center gap-1.5 text-sm" aria-live="polite">
              <CoinsIcon size={14} />
              {cost === null ? (
                <span className="text-zinc-500 dark:text-zinc-400">{form.body ? t('tools.pricing') : t('tools.noQuote')}</span>
              ) : (
                <span data-testid="tool-quote" data-cost={cost}>
                  {t('tools.quote', { count: cost })}
                </span>
              )}
            </p>
            <Button
              type="submit"
              loading={submit.isPending}
              disabled={maskUpload.busy || (cost !== null && cost > balance)}
              data-testid="tool-submit"
            >
              {t('tools.submit')}
            </Button>
          </div>
          {cost !== null && cost > balance && (
            <p className="text-sm text-rose-600 dark:text-rose-400">{t('tools.notEnough', { count: balance })}</p>
          )}
          {error && !error.field && (
            <p role="alert" className="text-sm font-medium text-rose-600 dark:text-rose-400">
              {t(error.key)}
            </p>
          )}
        </form>
      </Card>
    </div>
  );
}
