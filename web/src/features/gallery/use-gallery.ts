import { useInfiniteQuery } from '@tanstack/react-query';
import type { GenerationPage } from '../../api/contracts.js';
import { galleryQuery } from '../../api/first-queries.js';
import { type GalleryFilterParams, listFilteredGenerations } from '../../api/gallery.js';
import { queryKeys } from '../../api/query-keys.js';

/**
 * The gallery, newest first, one page of 24 at a time (cursor pagination);
 * narrowed when filters are given (their own cache entry, same cursor rules).
 */
export function useGallery(filters: GalleryFilterParams = {}) {
  const filtered = Object.keys(filters).length > 0;
  return useInfiniteQuery({
    ...galleryQuery,
    queryKey: filtered ? (queryKeys.filteredGenerations(filters) as readonly unknown[]) : galleryQuery.queryKey,
    queryFn: ({ pageParam }: { pageParam: string | null }) =>
      filtered ? listFilteredGenerations(filters, pageParam) : galleryQuery.queryFn({ pageParam }),
    getNextPageParam: (last: GenerationPage) => last.nextCursor,
  });
}
