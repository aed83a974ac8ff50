import { useEffect, useMemo, useRef, useState } from 'react';
import { checkTags } from '../../api/tags.js';
import { cn } from '../../lib/cn.js';
import { type MarkKind, promptMarks, promptTags } from './prompt-marks.js';

const MARK: Record<MarkKind, string> = {
  plain: '',
  up: 'rounded-sm bg-amber-200/70 dark:bg-amber-400/25',
  down: 'rounded-sm bg-sky-200/70 dark:bg-sky-400/25',
  unknown: 'underline decoration-rose-500 decoration-wavy underline-offset-4',
};

/** No unknown tags: one set, so saying so again is no change and re-renders nothing. */
const NONE: ReadonlySet<string> = new Set();

/**
 * Tags the list does not know, for models that read tags: asked once the
 * user pauses, so typing never waits on it. Other models read sentences,
 * where every word would look unknown.
 */
export function useUnknownTags(prompt: string, enabled: boolean): ReadonlySet<string> {
  const [unknown, setUnknown] = useState(NONE);
  useEffect(() => {
    // A new empty set here would re-render the whole form just after its first render, in one long task.
    if (!enabled) return setUnknown(NONE);
    const names = [...new Set(promptTags(prompt).map((t) => t.name))].filter((n) => n.length <= 100).slice(0, 200);
    if (names.length === 0) return setUnknown(NONE);
    const abort = new AbortController();
    const timer = setTimeout(() => {
      checkTags(names, abort.signal)
        .then((r) => setUnknown(new Set(r.unknown)))
        // Marks are a help, not a gate: without them the prompt still works.
        .catch(() => undefined);
    }, 400);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [prompt, enabled]);
  return unknown;
}

/**
 * Drawn behind the prompt's text, character for character (same font,
 * padding and wrapping), so weights and unknown tags are marked in the box
 * itself. Hidden from assistive technology: the text is the textarea's.
 */
export function PromptBackdrop({ prompt, unknown, scrollTop }: { prompt: string; unknown: ReadonlySet<string>; scrollTop: number }) {
  const marks = useMemo(() => promptMarks(prompt, unknown), [prompt, unknown]);
  const box = useRef<HTMLDivElement>(null);
  // Written only when it changes: writing scrollTop lays the page out there and then, which
  // on the form's first render was most of its cost on a phone (a box starts at the top).
  const applied = useRef(0);
  useEffect(() => {
    if (!box.current || scrollTop === applied.current) return;
    box.current.scrollTop = scrollTop;
    applied.current = scrollTop;
  }, [scrollTop]);
  return (
    <div
      ref={box}
      aria-hidden="true"
      // Scrolls like the textarea, with the same (invisible) scrollbar gutter, so lines wrap at the same place.
      className="pointer-events-none absolute inset-0 overflow-y-scroll rounded-xl bg-white [scrollbar-color:transparent_transparent] [scrollbar-gutter:stable] dark:bg-white/[0.04]"
      data-testid="prompt-marks"
    >
      <div className="px-3.5 py-2.5 text-sm leading-relaxed break-words whitespace-pre-wrap text-transparent">
        {marks.map((m, i) =>
          m.kind === 'plain' ? (
            m.text
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: marks are positional and rebuilt on every change
            <mark key={i} className={cn('text-transparent', MARK[m.kind])} data-mark={m.kind}>
              {m.text}
            </mark>
          ),
        )}
        {'\n'}
      </div>
    </div>
  );
}
