import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
  useLayoutEffect,
  useRef,
} from 'react';
import { cn } from '../../lib/cn.js';
import { sendTyping } from '../../lib/send-typing.js';

/** Labelled form controls with hint and error text wired up for screen readers. */

export const controlClass = cn(
  'block w-full rounded-xl border-0 bg-white px-3.5 py-2.5 text-sm text-zinc-900 shadow-sm ring-1 ring-inset ring-zinc-200',
  'placeholder:text-zinc-400 transition focus:outline-none focus:ring-2 focus:ring-violet-500',
  'dark:bg-white/[0.04] dark:text-zinc-100 dark:ring-white/10 dark:placeholder:text-zinc-500 dark:focus:ring-violet-400',
  'aria-[invalid=true]:ring-rose-400 dark:aria-[invalid=true]:ring-rose-400/70',
);

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  children: ReactNode;
  aside?: ReactNode;
  className?: string;
}

export function FieldFrame({ id, label, hint, error, children, aside, className }: FieldFrameProps) {
  return (
    <div className={className}>
      <div className="mb-1.5 flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="text-sm font-medium text-zinc-800 dark:text-zinc-200">
          {label}
        </label>
        {aside}
      </div>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-zinc-500 dark:text-zinc-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1.5 text-xs font-medium text-rose-600 dark:text-rose-400" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * Text typed into a prerendered field before its part of the page hydrated is
 * on screen but not in the form's state: React adopts the field as it finds
 * it and sends no event, so a form would keep, say, Sign in disabled with both
 * fields filled. Once hydrated, such a field sends the input events the typing
 * would have. A layout effect: every field of a form reads its text before the
 * first of them re-renders the form, which would put the others back to their
 * (empty) state. On a page the app drew itself the field always holds its
 * value, and nothing happens.
 */
function useTypedBeforeHydration<E extends HTMLInputElement | HTMLTextAreaElement>(value: unknown) {
  const ref = useRef<E>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, as the field hydrates
  useLayoutEffect(() => {
    const field = ref.current;
    if (!field || typeof value !== 'string' || field.value === value) return;
    sendTyping(field, value, field.value);
  }, []);
  return ref;
}

const describedBy = (id: string, hint?: ReactNode, error?: string | null) => (error ? `${id}-error` : hint ? `${id}-hint` : undefined);

type Common = { label: ReactNode; hint?: ReactNode; error?: string | null; aside?: ReactNode; wrapperClassName?: string };

export function TextField({
  label,
  hint,
  error,
  aside,
  wrapperClassName,
  className,
  ...rest
}: Common & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const ref = useTypedBeforeHydration<HTMLInputElement>(rest.value);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} aside={aside} className={wrapperClassName}>
      <input
        ref={ref}
        id={id}
        className={cn(controlClass, className)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
    </FieldFrame>
  );
}

export function TextArea({
  label,
  hint,
  error,
  aside,
  wrapperClassName,
  className,
  underlay,
  ...rest
}: Common & TextareaHTMLAttributes<HTMLTextAreaElement> & { underlay?: ReactNode }) {
  const id = useId();
  const ref = useTypedBeforeHydration<HTMLTextAreaElement>(rest.value);
  const textarea = (
    <textarea
      ref={ref}
      id={id}
      className={cn(
        controlClass,
        'resize-y leading-relaxed',
        // Over an underlay (marks drawn behind the text) the box itself must be see-through.
        underlay !== undefined && 'relative bg-transparent [scrollbar-gutter:stable] dark:bg-transparent',
        className,
      )}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy(id, hint, error)}
      {...rest}
    />
  );
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} aside={aside} className={wrapperClassName}>
      {underlay === undefined ? (
        textarea
      ) : (
        <div className="relative">
          {underlay}
          {textarea}
        </div>
      )}
    </FieldFrame>
  );
}

export function SelectField({
  label,
  hint,
  error,
  aside,
  wrapperClassName,
  className,
  children,
  ...rest
}: Common & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} aside={aside} className={wrapperClassName}>
      <div className="relative">
        <select
          id={id}
          className={cn(controlClass, 'appearance-none pr-10', className)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          {...rest}
        >
          {children}
        </select>
        <svg
          className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-zinc-400"
          viewBox="0 0 20 20"
          aria-hidden="true"
        >
          <path d="M5 7.5l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </div>
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  error,
  className,
  ...rest
}: { label: ReactNode; error?: string | null } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  return (
    <div className={className}>
      <div className="flex items-start gap-3">
        <input
          id={id}
          type="checkbox"
          className="mt-0.5 size-4 shrink-0 rounded accent-violet-600"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          {...rest}
        />
        <label htmlFor={id} className="text-sm text-zinc-700 dark:text-zinc-300">
          {label}
        </label>
      </div>
      {error && (
        <p id={`${id}-error`} className="mt-1.5 ml-7 text-xs font-medium text-rose-600 dark:text-rose-400" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
