import { MutationCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/client.js';
import { queryKeys } from './api/query-keys.js';

/**
 * The app's one query cache, with its retry and freshness rules. An action
 * refused with age_confirmation_required (the account has not passed the
 * welcome step) reloads the account, and RequireAuth then sends the user there.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    mutationCache: new MutationCache({
      onError: (err) => {
        if (err instanceof ApiError && err.code === 'age_confirmation_required') void client.invalidateQueries({ queryKey: queryKeys.me });
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // A 4xx answer will not change on retry; network blips and 5xx might.
        retry: (count, err) => count < 2 && !(err instanceof ApiError && err.status >= 400 && err.status < 500),
      },
      mutations: { retry: false },
    },
  });
  return client;
}

/**
 * Starts the cache as a visitor: prerendered pages show the signed-out view,
 * and hydration must render exactly that. Marked as never fetched, so the
 * session is asked at once and a signed-in user then gets their own view.
 */
export function seedSignedOut(queryClient: QueryClient): void {
  queryClient.setQueryData(queryKeys.me, null, { updatedAt: 0 });
}
