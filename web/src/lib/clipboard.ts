import { toast } from './toast.js';

/**
 * Copies text; true when it worked. The async clipboard can be missing or
 * refused (plain HTTP on a LAN address, an old browser): then a hidden text
 * area and the older copy command are tried.
 */
export async function copyToClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    const focused = document.activeElement as HTMLElement | null;
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
      focused?.focus();
    }
  }
}

/** Copies text and says how it went in a toast. */
export async function copyText(text: string, done: string, failed: string): Promise<void> {
  if (await copyToClipboard(text)) toast.success(done);
  else toast.error(failed);
}
