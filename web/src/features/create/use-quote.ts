import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { SubmitGenerationInput } from '../../api/contracts.js';
import { quoteGeneration } from '../../api/generations.js';
import { queryKeys } from '../../api/query-keys.js';

/** How long the form must rest before it is priced again: typing a prompt asks once, not per key. */
const SETTLE_MS = 400;

/**
 * The server's price for the request Create would send (POST /api/quote, the
 * figure the submit debits), once the form has rested; null until it has
 * answered for the current body or when the body is not one the server takes
 * (the caller then shows its own figure).
 */
export function useQuote(body: SubmitGenerationInput | null): number | null {
  const key = body ? JSON.stringify(body) : null;
  const [settled, setSettled] = useState(key);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(key), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [key]);
  const query = useQuery({
    queryKey: queryKeys.quote(settled ?? ''),
    queryFn: ({ signal }) => quoteGeneration(JSON.parse(settled!) as SubmitGenerationInput, signal),
    enabled: settled !== null,
    staleTime: 60_000,
    retry: false,
  });
  // Only a quote for exactly what is on screen counts: while the form is unsettled, the caller's own figure shows.
  if (key === null || settled !== key) return null;
  return query.data?.cost ?? null;
}
