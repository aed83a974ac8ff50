import { type DragEvent, useId, useRef, useState } from 'react';
import { CloseIcon, ImagePlusIcon } from '../../components/ui/icons.js';
import { Spinner } from '../../components/ui/spinner.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { formatBytes } from '../../lib/format.js';
import { ACCEPTED_TYPES, type Reference } from './use-reference-uploads.js';

interface ReferencePickerProps {
  refs: Reference[];
  limit: number;
  required: boolean;
  onAdd: (files: Iterable<File>) => void;
  onRemove: (key: string) => void;
}

/** Drop zone + file picker for reference images, with thumbnails, progress and per-file errors. */
export function ReferencePicker({ refs, limit, required, onAdd, onRemove }: ReferencePickerProps) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const hintId = useId();
  const full = refs.filter((r) => r.state !== 'error').length >= limit;

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length) onAdd(e.dataTransfer.files);
  };

  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200">
        {t('create.references.label')}{' '}
        <span className="font-normal text-zinc-500 dark:text-zinc-400">
          {required ? t('create.references.required') : t('create.references.optional', { count: limit })}
        </span>
      </legend>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: dropping files is a pointer shortcut; the Add button is the keyboard path */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="reference-dropzone"
        className={cn(
          'rounded-xl border-2 border-dashed p-3 transition',
          dragging ? 'border-sakura-400 bg-sakura-50/70 dark:bg-sakura-500/10' : 'border-zinc-200 dark:border-white/10',
        )}
      >
        <div className="flex flex-wrap gap-3">
          {refs.map((r) => (
            <figure key={r.key} className="w-20" data-testid="reference-item" data-state={r.state}>
              <div
                className={cn(
                  'relative size-20 overflow-hidden rounded-lg bg-zinc-100 ring-1 dark:bg-white/5',
                  r.state === 'error' ? 'ring-rose-400' : 'ring-zinc-900/10 dark:ring-white/10',
                )}
              >
                {r.preview ? (
                  <img src={r.preview} alt={t('create.references.thumbAlt', { name: r.name })} className="size-full object-cover" />
                ) : (
                  <span className="line-clamp-3 p-2 pt-7 text-[10px] leading-tight break-all text-zinc-500 dark:text-zinc-400">
                    {r.name}
                  </span>
                )}
                {r.state === 'uploading' && (
                  <div className="absolute inset-0 grid place-items-center bg-black/40 text-white">
                    <Spinner className="size-5" />
                    <span className="sr-only">{t('create.references.uploading')}</span>
                  </div>
                )}
                <button
                  type="button"
                  onClick={() => onRemove(r.key)}
                  className="absolute top-1 right-1 grid size-6 place-items-center rounded-full bg-black/60 text-white hover:bg-black/80"
                  aria-label={t('create.references.remove', { name: r.name })}
                  data-testid="reference-remove"
                >
                  <CloseIcon size={14} />
                </button>
              </div>
              {r.state === 'error' && (
                <figcaption className="mt-1 text-[11px] leading-tight font-medium text-rose-600 dark:text-rose-400" role="alert">
                  {t(r.errorKey, {
                    ...r.errorParams,
                    max: r.errorParams?.max ? formatBytes(Number(r.errorParams.max), i18n.language) : undefined,
                  })}
                </figcaption>
              )}
            </figure>
          ))}
          {!full && (
            <button
              type="button"
              onClick={() => input.current?.click()}
              aria-describedby={hintId}
              className="flex size-20 flex-col items-center justify-center gap-1 rounded-lg bg-zinc-50 text-xs font-medium text-zinc-500 ring-1 ring-zinc-200 transition hover:bg-white hover:text-violet-600 dark:bg-white/[0.03] dark:text-zinc-400 dark:ring-white/10 dark:hover:text-violet-300"
            >
              <ImagePlusIcon size={22} />
              {t('create.references.add')}
            </button>
          )}
        </div>
        <p id={hintId} className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          {t('create.references.hint')}
        </p>
        <input
          ref={input}
          type="file"
          accept={ACCEPTED_TYPES.join(',')}
          multiple
          className="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="reference-input"
          onChange={(e) => {
            if (e.target.files) onAdd(e.target.files);
            e.target.value = '';
          }}
        />
      </div>
    </fieldset>
  );
}
