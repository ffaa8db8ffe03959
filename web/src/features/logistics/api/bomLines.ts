// The project's BOM lines as a transport needs them: a search (`q` over name, description
// and notes; pages of 50 by name) to choose lines from, and every line's name for showing the
// lines a transport carries. Both live under the project's BOM key, so a BOM edit refreshes them.
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import { indexTree } from '../carried';

type Page = components['schemas']['ListResponse_BomItemOut'];
type Tree = components['schemas']['BomTree'];

const PAGE = 50;

export function useBomLineSearch(projectId: string, q: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: keys.inProject(projectId, 'bom', 'transport-search', q),
    initialPageParam: undefined as string | undefined,
    queryFn: async ({ pageParam }) =>
      (await unwrap(
        api.GET('/api/v1/projects/{id}/bom-items', {
          params: {
            path: { id: projectId },
            query: { q: q.trim() || undefined, sort: 'name', limit: PAGE, cursor: pageParam },
          },
        }),
      )) as Page,
    getNextPageParam: (page) => page.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  });
}

/** Every BOM line by id with the groups above it (one request: the tree). */
export function useBomLineIndex(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: keys.inProject(projectId, 'bom', 'transport-lines'),
    queryFn: async () => {
      const tree = (await unwrap(
        api.GET('/api/v1/projects/{id}/bom-items', { params: { path: { id: projectId }, query: { view: 'tree' } } }),
      )) as Tree;
      return indexTree(tree.items);
    },
    enabled,
    staleTime: 60_000,
  });
}
