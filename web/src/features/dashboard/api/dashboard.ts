// The dashboard's data: one `GET /dashboard` answers my tasks due soon, the running projects
// with their budget status, permits at risk, the next transports and the latest changes, for
// every project the caller can see (a fixed number of queries on the server).
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';

export type Dashboard = components['schemas']['Dashboard'];
export type RecentChange = components['schemas']['RecentChange'];

export function useDashboard() {
  return useQuery({
    queryKey: keys.dashboard,
    queryFn: () => unwrap(api.GET('/api/v1/dashboard')),
    // What needs attention changes while the page stays open on a desk.
    refetchInterval: 60_000,
  });
}
