import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type SearchResult = components['schemas']['SearchResult'];
export type SearchGroup = components['schemas']['SearchGroup'];

/** `GET /search`: grouped by kind, matches marked; nothing is asked for fewer than 2 letters. */
export function useSearch(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['search', query],
    queryFn: () => unwrap(api.GET('/api/v1/search', { params: { query: { q: query, limit: 5 } } })),
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}
