import { useSyncExternalStore } from 'react';

/**
 * A tiny toast store: `toast.success(message)` from anywhere, rendered by
 * components/ui/toaster.tsx. Messages are already translated strings.
 */

export type ToastTone = 'success' | 'error' | 'info';
export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
  description?: string;
}

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

export function dismissToast(id: number): void {
  toasts = toasts.filter((t) => t.id !== id);
  emit();
}

function push(tone: ToastTone, message: string, description?: string): number {
  const id = nextId++;
  toasts = [...toasts.slice(-3), { id, tone, message, description }];
  emit();
  setTimeout(() => dismissToast(id), tone === 'error' ? 7000 : 4500);
  return id;
}

export const toast = {
  success: (message: string, description?: string) => push('success', message, description),
  error: (message: string, description?: string) => push('error', message, description),
  info: (message: string, description?: string) => push('info', message, description),
};

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

const none: Toast[] = [];
/** Pages rendered at build time (and their hydration) start with no toast. */
export const useToasts = (): Toast[] =>
  useSyncExternalStore(
    subscribe,
    () => toasts,
    () => none,
  );
