import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Button } from './button.js';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  tone?: 'danger' | 'primary';
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  confirmTestId?: string;
  /** Extra content between the description and the buttons (e.g. a password field); Enter in it confirms. */
  children?: ReactNode;
  confirmDisabled?: boolean;
}

/**
 * A modal confirmation on the native <dialog>: focus moves into it, Escape
 * closes it, the page behind is inert, and focus returns afterwards.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, title, description, confirmLabel, cancelLabel, tone = 'primary', busy, onConfirm, onClose, confirmTestId } = props;
  const { children, confirmDisabled } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click only catches the backdrop; Escape closes the native dialog
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descId : undefined}
      onClose={onClose}
      onCancel={(e) => {
        if (busy) e.preventDefault();
      }}
      onClick={(e) => {
        if (e.target === ref.current && !busy) onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl bg-white p-0 text-zinc-900 shadow-2xl ring-1 ring-zinc-900/10 open:animate-fade-in dark:bg-ink-850 dark:text-zinc-100 dark:ring-white/10"
    >
      <form
        className="p-6"
        onSubmit={(e) => {
          e.preventDefault();
          if (!busy && !confirmDisabled) onConfirm();
        }}
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        {description && (
          <div id={descId} className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
            {description}
          </div>
        )}
        {children && <div className="mt-4">{children}</div>}
        <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={onClose} disabled={busy} autoFocus={!children}>
            {cancelLabel}
          </Button>
          <Button type="submit" variant={tone} loading={busy} disabled={confirmDisabled} data-testid={confirmTestId}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </dialog>
  );
}
