import { type ChangeEvent, type KeyboardEvent, type SyntheticEvent, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { TagSuggestion } from '../../api/contracts.js';
import { useKeepTagUnderscores } from '../preferences/tag-display-store.js';
import { changedChars, insertTag, tagAtCaret } from './tag-insertion.js';
import { useTagSuggestions } from './use-tag-suggestions.js';

/** More characters than this changed at once is a paste or a fill, not typing (an input method commits a word at most). */
const MAX_TYPED = 16;

/**
 * Tag completion for a prompt textarea: follows the caret, offers the
 * suggestions for the tag at it, and handles the keys (↑ ↓ move, Enter or
 * Tab insert, Escape closes). It opens on typing only: a pasted or filled-in
 * prompt, or a click into the text, does not cover the form with a list.
 */
export function useTagAutocomplete(value: string, onChange: (next: string) => void) {
  const element = useRef<HTMLTextAreaElement | null>(null);
  const [caret, setCaret] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  // Typing arms the list; a paste, Escape, leaving the field or inserting a tag disarms it.
  const [armed, setArmed] = useState(false);
  const keepUnderscores = useKeepTagUnderscores();

  const at = caret === null || !armed ? null : tagAtCaret(value, caret);
  const { tags } = useTagSuggestions(at?.query ?? null);
  const open = at !== null && tags.length > 0;
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

  /** The text changed: typing (a few characters) opens suggestions, anything bigger closes them. */
  const onInput = (e: ChangeEvent<HTMLTextAreaElement>) => {
    setArmed(changedChars(value, e.currentTarget.value) <= MAX_TYPED);
    track(e);
  };

  const choose = (tag: TagSuggestion) => {
    if (!at) return;
    const out = insertTag(value, at, tag.name, keepUnderscores);
    // The new text is written now, and the caret put after the inserted tag at once: a later
    // frame would move it back under keys typed in between.
    flushSync(() => {
      onChange(out.text);
      setCaret(out.caret);
      setActive(0);
    });
    const el = element.current;
    el?.focus();
    el?.setSelectionRange(out.caret, out.caret);
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
        setArmed(false);
        break;
      default:
        return false;
    }
    e.preventDefault();
    // Escape must not also close a dialog around the form.
    e.stopPropagation();
    return true;
  };

  /** Focus left the prompt: nothing to complete until the user types there again. */
  const close = () => {
    setCaret(null);
    setArmed(false);
  };

  return { open, tags, activeIndex, keepUnderscores, choose, setActive, track, onInput, onKeyDown, close };
}
