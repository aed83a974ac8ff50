import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { TagSuggestion } from '../../api/contracts.js';
import { queryKeys } from '../../api/query-keys.js';
import { suggestTags } from '../../api/tags.js';

const DEBOUNCE_MS = 120;
const LIMIT = 8;

/**
 * Suggestions for the tag being typed: asked for once typing pauses
 * (120 ms), kept for the visit per query (typing back over a prefix asks
 * nothing), and a request the user has typed past is aborted.
 */
export function useTagSuggestions(query: string | null): { tags: TagSuggestion[] } {
  const [debounced, setDebounced] = useState(query);
  useEffect(() => {
    if (!query) return setDebounced(null);
    const timer = setTimeout(() => setDebounced(query), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  const key = debounced?.trim().toLowerCase() ?? '';
  const result = useQuery({
    queryKey: queryKeys.tagSuggestions(key),
    // The signal aborts the request when the query key changes before it answers.
    queryFn: ({ signal }) => suggestTags(key, LIMIT, signal),
    enabled: key.length > 0 && key.length <= 100,
    staleTime: 5 * 60_000,
    gcTime: 10 * 60_000,
    retry: false,
    placeholderData: keepPreviousData,
  });
  if (!query || !result.data) return { tags: [] };
  if (!result.isPlaceholderData) return { tags: result.data.tags };
  // While the next query loads, the last list stays up with only what still fits what is typed:
  // no flicker, and Enter never inserts a tag for text the user has typed past.
  const typed = key.replace(/\\/g, '').replace(/\s+/g, '_');
  return { tags: result.data.tags.filter((t) => t.name.startsWith(typed) || t.alias?.toLowerCase().startsWith(typed)) };
}
