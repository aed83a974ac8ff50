import { useInfiniteQuery } from '@tanstack/react-query';
import { getCredits } from '../../api/credits.js';
import { queryKeys } from '../../api/query-keys.js';

/** The balance and the ledger, newest first, with cursor pagination. */
export function useCredits() {
  return useInfiniteQuery({
    queryKey: queryKeys.credits,
    queryFn: ({ pageParam }) => getCredits(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
