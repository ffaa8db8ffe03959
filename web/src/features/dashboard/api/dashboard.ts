// The dashboard's data: my tasks, the active projects and each one's summary (costs, risks,
// next transports). A company runs a handful of productions at a time, so the summaries of
// the (at most 12) active projects are fetched side by side.
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { keys } from '@/lib/queries/keys';
import { summaryQuery } from '@/lib/queries/project';

const ACTIVE = 'PLANNING,CONFIRMED,IN_PRODUCTION,LIVE,WRAP_UP';
export const MAX_PROJECTS = 12;

export function isoDate(offsetDays: number, from = new Date()): string {
  const d = new Date(from);
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function useMyTasksDueSoon() {
  return useQuery({
    queryKey: [...keys.dashboard, 'tasks'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/tasks', {
          params: { query: { assigned_to: 'me', due_before: isoDate(14), status: 'TODO,IN_PROGRESS,REVIEW,BLOCKED', sort: 'due_date', limit: 20 } },
        }),
      ),
  });
}

export function useActiveProjects() {
  return useQuery({
    queryKey: [...keys.dashboard, 'projects'],
    queryFn: () => unwrap(api.GET('/api/v1/projects', { params: { query: { status: ACTIVE, sort: 'start_date', limit: MAX_PROJECTS } } })),
  });
}

export function useRecentProjects() {
  return useQuery({
    queryKey: [...keys.dashboard, 'recent'],
    queryFn: () => unwrap(api.GET('/api/v1/projects', { params: { query: { sort: '-updated_at', limit: 5 } } })),
  });
}

export function useSummaries(projectIds: string[]) {
  return useQueries({
    queries: projectIds.map(summaryQuery),
  });
}
