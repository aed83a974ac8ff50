import type { TagCategory, TagSuggestion } from '../../api/contracts.js';
import { useTranslation } from '../../i18n/react.js';
import { cn } from '../../lib/cn.js';
import { tagText } from './tag-insertion.js';

/**
 * Each category's colour; the 700/300 shades keep at least 4.5:1 on the
 * list's white and dark backgrounds (highlighted row included), and the
 * category is also written out, so colour is never the only cue.
 */
const categoryColour: Record<TagCategory, string> = {
  general: 'text-sky-700 dark:text-sky-300',
  character: 'text-emerald-700 dark:text-emerald-300',
  copyright: 'text-fuchsia-700 dark:text-fuchsia-300',
  artist: 'text-rose-700 dark:text-rose-300',
  meta: 'text-amber-700 dark:text-amber-300',
};

const compact = new Map<string, Intl.NumberFormat>();
function formatCount(n: number, locale: string): string {
  let f = compact.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
    compact.set(locale, f);
  }
  return f.format(n);
}

export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/** Says how many suggestions there are to screen readers; always in the page, so changes are announced. */
export function TagSuggestionStatus({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <p className="sr-only" aria-live="polite">
      {count > 0 ? t('create.tags.count', { count }) : ''}
    </p>
  );
}

interface TagSuggestionListProps {
  id: string;
  tags: TagSuggestion[];
  activeIndex: number;
  keepUnderscores: boolean;
  onChoose(tag: TagSuggestion): void;
  onHover(index: number): void;
}

/**
 * The suggestions under the prompt box: a listbox the textarea drives
 * (aria-activedescendant), laid over the page below the field so nothing
 * moves when it opens. Pointer users pick with a click; the textarea keeps focus.
 */
export function TagSuggestionList({ id, tags, activeIndex, keepUnderscores, onChoose, onHover }: TagSuggestionListProps) {
  const { t, i18n } = useTranslation();
  return (
    <div className="absolute inset-x-0 top-full z-30 mt-1 overflow-hidden rounded-xl bg-white shadow-lg ring-1 ring-zinc-900/10 dark:bg-ink-900 dark:ring-white/10">
      <div
        id={id}
        role="listbox"
        aria-label={t('create.tags.label')}
        className="max-h-72 overflow-y-auto py-1"
        data-testid="tag-suggestions"
      >
        {tags.map((tag, i) => (
          <div
            key={tag.name}
            id={optionId(id, i)}
            role="option"
            // Options are never focused: the textarea keeps focus and points at one (aria-activedescendant).
            tabIndex={-1}
            aria-selected={i === activeIndex}
            className={cn(
              'flex cursor-pointer items-baseline justify-between gap-3 px-3.5 py-1.5 text-sm',
              i === activeIndex && 'bg-zinc-100 dark:bg-white/10',
            )}
            // mousedown, not click: the textarea must not lose focus (and its caret) first.
            onMouseDown={(e) => {
              e.preventDefault();
              onChoose(tag);
            }}
            onMouseMove={() => i !== activeIndex && onHover(i)}
            data-testid="tag-suggestion"
          >
            <span className="min-w-0 truncate">
              <span className={cn('font-medium', categoryColour[tag.category])}>
                {tagText(tag.name, keepUnderscores).replace(/\\/g, '')}
              </span>
              {tag.alias && <span className="ml-2 text-xs text-zinc-600 dark:text-zinc-400">← {tag.alias}</span>}
            </span>
            <span className="shrink-0 text-xs text-zinc-600 tabular-nums dark:text-zinc-400">
              {t(`create.tags.categories.${tag.category}`)} · {formatCount(tag.postCount, i18n.language)}
            </span>
          </div>
        ))}
      </div>
      <p className="border-t border-zinc-900/5 px-3.5 py-1 text-[11px] text-zinc-600 dark:border-white/5 dark:text-zinc-400">
        {t('create.tags.credit')}
      </p>
    </div>
  );
}
