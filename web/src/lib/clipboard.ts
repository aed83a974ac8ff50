import { toast } from './toast.js';

/** Copies text and says how it went (the clipboard can be refused, e.g. outside HTTPS). */
export async function copyText(text: string, done: string, failed: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(done);
  } catch {
    toast.error(failed);
  }
}
