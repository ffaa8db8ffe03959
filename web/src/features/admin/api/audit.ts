// The audit log, newest first, filtered and paged.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { usePagedQuery } from '@/lib/api/lists';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';

export type AuditEntry = components['schemas']['AuditEntryOut'];

export interface AuditFilters {
  entity_type?: string;
  entity_id?: string;
  action?: string;
  actor_id?: string;
  project_id?: string;
  /** RFC 3339 instants. */
  from?: string;
  to?: string;
}

export function useAuditLog(filters: AuditFilters) {
  return usePagedQuery(['audit-log', filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/audit-log', {
        params: {
          query: {
            entity_type: filters.entity_type || undefined,
            entity_id: filters.entity_id || undefined,
            action: filters.action || undefined,
            actor_id: filters.actor_id || undefined,
            project_id: filters.project_id || undefined,
            from: filters.from || undefined,
            to: filters.to || undefined,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );
}

/** People to filter by (active or not: the log names former staff too). */
export function useActorSearch(q: string) {
  return useQuery({
    queryKey: [...keys.users, 'audit-actors', q],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, limit: 20 } } })),
    staleTime: 30_000,
  });
}

/** Projects to filter by. */
export function useProjectChoices() {
  return useQuery({
    queryKey: keys.projectList({ audit: true, sort: 'name', limit: 200 }),
    queryFn: () => unwrap(api.GET('/api/v1/projects', { params: { query: { sort: 'name', limit: 200 } } })),
    staleTime: 60_000,
  });
}
