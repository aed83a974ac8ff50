import { useCallback, useEffect, useState } from 'react';
import { clear, emptyHistory, type MaskHistory, push, redo, type Stroke, undo } from './mask-strokes.js';

export type BrushMode = 'paint' | 'erase' | 'pan';

/** The mask editor's settings and history, held by the screen so the upload can read them. */
export function useMaskEditor(active: boolean) {
  const [history, setHistory] = useState<MaskHistory>(emptyHistory);
  const [mode, setMode] = useState<BrushMode>('paint');
  const [size, setSize] = useState(48);
  const [feather, setFeather] = useState(4);
  const actions = {
    add: useCallback((s: Stroke) => setHistory((h) => push(h, s)), []),
    undo: useCallback(() => setHistory(undo), []),
    redo: useCallback(() => setHistory(redo), []),
    clear: useCallback(() => setHistory(clear), []),
  };

  // Ctrl/Cmd+Z undoes and Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes, except in a text box, which keeps its own undo.
  useEffect(() => {
    // Only while the editor is on screen: elsewhere the keys keep their usual meaning.
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('textarea, input:not([type=range]):not([type=radio]):not([type=checkbox]), [contenteditable=true]')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) actions.undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') actions.redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, actions.undo, actions.redo]);

  return { history, mode, setMode, size, setSize, feather, setFeather, ...actions };
}

export type MaskEditorState = ReturnType<typeof useMaskEditor>;
