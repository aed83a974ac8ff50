import { useInfiniteQuery } from '@tanstack/react-query';
import { listGenerations } from '../../api/generations.js';
import { queryKeys } from '../../api/query-keys.js';

/** The gallery, newest first, one page of 24 at a time (cursor pagination). */
export function useGallery() {
  return useInfiniteQuery({
    queryKey: queryKeys.generations,
    queryFn: ({ pageParam }) => listGenerations(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
