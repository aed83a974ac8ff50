/**
 * Where the tag being typed sits in a prompt, and how a chosen suggestion
 * replaces it. Prompts are comma-separated tags; brackets are attention
 * syntax (`(long hair:1.2)`), so a bracket that belongs to a tag's name is
 * written escaped: `hatsune miku \(append\)`.
 */

export interface TagAtCaret {
  /** Where the tag starts (after any opening attention brackets) … */
  start: number;
  /** … and where the replaced part ends: the end of the word the caret is in. */
  end: number;
  /** What is typed of it before the caret, as the server reads it. */
  query: string;
}

/** The tag the caret is in, or null when there is nothing typed to complete. */
export function tagAtCaret(text: string, caret: number): TagAtCaret | null {
  let start = caret;
  while (start > 0 && text[start - 1] !== ',' && text[start - 1] !== '\n') start--;
  // Spaces and unescaped opening brackets before the tag are not part of it.
  while (start < caret && /[\s([{]/.test(text[start] as string)) start++;
  let end = caret;
  // Only the rest of the word at the caret: text after a space may be what the user wrote next.
  while (end < text.length && !/[\s,]/.test(text[end] as string)) end++;
  const query = text.slice(start, caret);
  if (!query.trim()) return null;
  return { start, end, query };
}

/** A tag as it is shown and written: spaces for underscores unless kept; brackets escaped. */
export function tagText(name: string, keepUnderscores: boolean): string {
  const spelled = keepUnderscores ? name : name.replaceAll('_', ' ');
  return spelled.replace(/[()]/g, '\\$&');
}

/**
 * The prompt with the tag at the caret replaced by `name`, followed by a
 * comma and a space (unless a comma already follows), and where the caret
 * goes: after that, ready for the next tag. Closing attention brackets and
 * a weight typed after the tag (`:1.2)`) stay.
 */
export function insertTag(text: string, at: TagAtCaret, name: string, keepUnderscores: boolean): { text: string; caret: number } {
  const typed = text.slice(at.start, at.end);
  // Keep a trailing weight or closing attention bracket the user already wrote.
  const tail = /(?<!\\)[)\]}]+$|:\s*[\d.]+\s*(?<!\\)[)\]}]*$/.exec(typed.trimEnd())?.[0] ?? '';
  const before = text.slice(0, at.start);
  const after = text.slice(at.end);
  const inserted = tagText(name, keepUnderscores) + tail;
  const separator = /^\s*,/.test(after) ? '' : ', ';
  const rest = separator ? after.replace(/^[ \t]+/, '') : after;
  const next = `${before}${inserted}${separator}${rest}`;
  const caret = before.length + inserted.length + (separator ? separator.length : (/^\s*,\s*/.exec(after)?.[0].length ?? 0));
  return { text: next, caret };
}

/** How many characters an edit changed: what lies between the common start and the common end. */
export function changedChars(before: string, after: string): number {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return Math.max(before.length, after.length) - start - end;
}
