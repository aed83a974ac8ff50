import { type KeyboardEvent, type SyntheticEvent, useRef, useState } from 'react';
import type { TagSuggestion } from '../../api/contracts.js';
import { useKeepTagUnderscores } from '../preferences/tag-display-store.js';
import { insertTag, tagAtCaret } from './tag-insertion.js';
import { useTagSuggestions } from './use-tag-suggestions.js';

/**
 * Tag completion for a prompt textarea: follows the caret, offers the
 * suggestions for the tag at it, and handles the keys (↑ ↓ move, Enter or
 * Tab insert, Escape closes until the text changes).
 */
export function useTagAutocomplete(value: string, onChange: (next: string) => void) {
  const element = useRef<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<string | null>(null);
  const keepUnderscores = useKeepTagUnderscores();

  const at = caret === null ? null : tagAtCaret(value, caret);
  const { tags } = useTagSuggestions(at?.query ?? null);
  const open = at !== null && tags.length > 0 && dismissedAt !== value;
  const activeIndex = Math.min(active, Math.max(tags.length - 1, 0));

  /** Remembers the textarea and where its caret is, on every event that can move it. */
  const track = (e: SyntheticEvent<HTMLTextAreaElement>) => {
    element.current = e.currentTarget;
    const { selectionStart, selectionEnd } = e.currentTarget;
    const next = selectionStart === selectionEnd ? selectionStart : null;
    if (next !== caret) {
      setCaret(next);
      setActive(0);
    }
  };

  const choose = (tag: TagSuggestion) => {
    if (!at) return;
    const out = insertTag(value, at, tag.name, keepUnderscores);
    onChange(out.text);
    setCaret(out.caret);
    setActive(0);
    // After React has written the new value: put the caret after the inserted tag.
    requestAnimationFrame(() => {
      const el = element.current;
      if (!el) return;
      el.focus();
      el.setSelectionRange(out.caret, out.caret);
    });
  };

  /** Handles a key if the list is open; returns whether it did. */
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    element.current = e.currentTarget;
    if (!open || e.altKey || e.ctrlKey || e.metaKey || e.nativeEvent.isComposing) return false;
    const move = (by: number) => setActive((activeIndex + by + tags.length) % tags.length);
    switch (e.key) {
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'Enter':
      case 'Tab':
        if (e.shiftKey) return false;
        choose(tags[activeIndex] as TagSuggestion);
        break;
      case 'Escape':
        setDismissedAt(value);
        break;
      default:
        return false;
    }
    e.preventDefault();
    // Escape must not also close a dialog around the form.
    e.stopPropagation();
    return true;
  };

  /** Focus left the prompt: nothing to complete until the caret is back. */
  const close = () => setCaret(null);

  return { open, tags, activeIndex, keepUnderscores, choose, setActive, track, onKeyDown, close };
}
