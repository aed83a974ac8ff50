import { type FocusEvent, useCallback, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { GalleryFilterParams } from '../../api/gallery.js';
import { Button, buttonClass } from '../../components/ui/button.js';
import { EmptyState } from '../../components/ui/empty-state.js';
import { GalleryIcon, SearchIcon } from '../../components/ui/icons.js';
import { LoadError } from '../../components/ui/load-error.js';
import { Skeleton } from '../../components/ui/skeleton.js';
import { Spinner } from '../../components/ui/spinner.js';
import { useTranslation } from '../../i18n/react.js';
import { BulkBar } from './bulk-bar.js';
import { GalleryItem } from './gallery-item.js';
import { tileRatio } from './masonry.js';
import type { BulkSelection } from './use-bulk-selection.js';
import { useGallery } from './use-gallery.js';
import { useVirtualMasonry } from './use-virtual-masonry.js';

interface GalleryGridProps {
  /** Hide the "start creating" button in the empty state (when the form is right there). */
  inlineEmpty?: boolean;
  /** The gallery's select mode: tiles get checkboxes. */
  selection?: BulkSelection;
  /** Search and filters (the gallery page's); none: the whole gallery. */
  filters?: GalleryFilterParams;
}

/**
 * The gallery as a masonry of tiles in their own shapes, with skeletons, an
 * empty state and infinite scroll (plus a button). Only tiles near the view
 * are in the page, so thousands of generations scroll as smoothly as ten.
 */
export function GalleryGrid({ inlineEmpty, selection, filters = {} }: GalleryGridProps) {
  const { t } = useTranslation();
  const { data, isPending, error, refetch, hasNextPage, fetchNextPage, isFetchingNextPage } = useGallery(filters);
  const sentinel = useRef<HTMLDivElement>(null);
  const [list, setList] = useState<HTMLUListElement | null>(null);
  const items = data?.pages.flatMap((p) => p.items) ?? [];
  const [focused, setFocused] = useState<number | null>(null);
  // The first tile of a page loaded with Load more in focus: focus moves there, not lost with the button.
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const { layout, mounted } = useVirtualMasonry(list, items.map(tileRatio), focusFrom ?? focused);
  const onFocus = (e: FocusEvent<HTMLUListElement>) => {
    const at = e.target.closest<HTMLElement>('[data-index]')?.dataset.index;
    setFocused(at === undefined ? null : Number(at));
  };
  // Whether Load more has focus (still true once it is gone: removing a focused element fires no blur).
  const onLoadMore = useRef(false);
  const count = useRef(0);
  count.current = items.length;
  const loadNext = useCallback(
    (pressed: boolean) => {
      const from = count.current;
      // A press while the page loads joins that load.
      void fetchNextPage({ cancelRefetch: false }).then((result) => {
        if (!result.isError && (pressed || onLoadMore.current)) setFocusFrom(from);
      });
    },
    [fetchNextPage],
  );

  useEffect(() => {
    if (focusFrom === null || !list || items.length <= focusFrom) return;
    const next = list.querySelector(`[data-index="${focusFrom}"]`);
    // The link, or in select mode the checkbox that stands in for it.
    [...(next?.querySelectorAll<HTMLElement>('a, input') ?? [])].find((el) => el.tabIndex >= 0)?.focus();
    // Said here too: a button that went away with focus sent no blur, and the next filter's pages must load on their own.
    onLoadMore.current = false;
    setFocusFrom(null);
  }, [focusFrom, list, items.length]);

  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasNextPage) return;
    const observer = new IntersectionObserver(
      (entries) => {
        // Not while Load more has focus: a keyboard user reaching it loads the page by pressing it.
        if (entries.some((e) => e.isIntersecting) && !isFetchingNextPage && !onLoadMore.current) loadNext(false);
      },
      { rootMargin: '600px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, loadNext]);

  if (isPending) {
    return (
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-4" aria-busy="true" aria-label={t('common.loading')}>
        {Array.from({ length: 8 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <li key={i}>
            <Skeleton className="aspect-square rounded-2xl" />
          </li>
        ))}
      </ul>
    );
  }
  if (error) {
    return <LoadError error={error} onRetry={refetch} />;
  }

  if (items.length === 0 && Object.keys(filters).length > 0) {
    return <EmptyState icon={<SearchIcon size={26} />} title={t('workspace.noMatchesTitle')} description={t('workspace.noMatchesBody')} />;
  }
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<GalleryIcon size={26} />}
        title={t('gallery.emptyTitle')}
        description={t(inlineEmpty ? 'gallery.emptyInline' : 'gallery.emptyBody')}
        action={
          inlineEmpty ? undefined : (
            <Link to="/create" className={buttonClass('primary')}>
              {t('gallery.emptyCta')}
            </Link>
          )
        }
      />
    );
  }

  return (
    <div>
      <ul
        ref={setList}
        className="relative"
        style={{ height: layout.height }}
        data-testid="gallery"
        data-columns={layout.columns}
        onFocus={onFocus}
      >
        {mounted.map((i) => {
          const g = items[i]!;
          const tile = layout.tiles[i]!;
          return (
            <GalleryItem
              key={g.id}
              index={i}
              setSize={hasNextPage ? -1 : items.length}
              tile={tile}
              generation={g}
              albumId={filters.album}
              select={selection?.active ? { checked: selection.selected.has(g.id), onToggle: selection.toggle } : undefined}
            />
          );
        })}
      </ul>
      <div ref={sentinel} className="mt-6 flex justify-center">
        {hasNextPage && (
          // Busy, never disabled while a page loads: a disabled button loses focus.
          <Button
            variant="secondary"
            onClick={() => loadNext(true)}
            onFocus={() => {
              onLoadMore.current = true;
            }}
            onBlur={() => {
              onLoadMore.current = false;
            }}
            icon={isFetchingNextPage ? <Spinner /> : undefined}
            aria-busy={isFetchingNextPage || undefined}
            data-testid="load-more"
          >
            {t('gallery.loadMore')}
          </Button>
        )}
      </div>
      {selection?.active && <BulkBar selection={selection} />}
    </div>
  );
}
