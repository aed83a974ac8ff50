import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import type { Upload } from '../../api/contracts.js';
import { errorMessageKey } from '../../api/errors.js';
import { uploadReference } from '../../api/generations.js';
import { UploadIcon } from '../../components/ui/icons.js';
import { useTranslation } from '../../i18n/react.js';
import { ACCEPTED_TYPES } from '../create/use-reference-uploads.js';

/** With no source yet: choose an image from this device, uploaded at once (the same checks as Create's references). */
export function SourceUpload({ maxBytes, onUploaded }: { maxBytes: number; onUploaded: (upload: Upload) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const upload = useMutation({ mutationFn: (file: File) => uploadReference(file), onSuccess: onUploaded });
  const pick = (file: File | undefined) => {
    if (!file) return;
    upload.mutate(file);
  };
  const tooLarge = upload.variables && upload.variables.size > maxBytes;
  return (
    <div className="mx-auto max-w-xl">
      <label
        htmlFor={id}
        className="flex cursor-pointer flex-col items-center gap-3 rounded-2xl border-2 border-dashed border-zinc-300 p-10 text-center hover:border-violet-400 dark:border-white/15"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          e.preventDefault();
          pick(e.dataTransfer.files[0]);
        }}
      >
        <UploadIcon size={28} />
        <span className="font-semibold">{upload.isPending ? t('tools.uploading') : t('tools.uploadTitle')}</span>
        <span className="text-sm text-zinc-500 dark:text-zinc-400">{t('tools.uploadHint')}</span>
      </label>
      <input
        id={id}
        type="file"
        accept={ACCEPTED_TYPES.join(',')}
        className="sr-only"
        onChange={(e) => pick(e.target.files?.[0])}
        data-testid="tool-upload"
      />
      {upload.error && (
        <p role="alert" className="mt-3 text-sm font-medium text-rose-600 dark:text-rose-400">
          {tooLarge ? t('tools.errors.tooLarge') : t(errorMessageKey(upload.error))}
        </p>
      )}
    </div>
  );
}
