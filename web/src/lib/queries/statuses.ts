// The status machines as the server publishes them (GET /statuses): screens offer exactly
// the moves the server accepts, without a copy of the rules in the browser.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type StatusMachines = components['schemas']['StatusMachines'];
export type StatusKind = keyof StatusMachines;

export function useStatusMachines() {
  return useQuery({
    queryKey: ['statuses'],
    queryFn: () => unwrap(api.GET('/api/v1/statuses')),
    staleTime: Infinity,
  });
}

/** The states of `kind` in order, and what `status` may move to (empty while loading). */
export function useStatuses(kind: StatusKind) {
  const machines = useStatusMachines();
  const states = machines.data?.[kind];
  // Stable between renders, so that rows memoized on it are not redrawn.
  return useMemo(
    () => ({
      all: (states ?? []).map((s) => s.status),
      next: (status: string) => states?.find((s) => s.status === status)?.next ?? [],
      isLoading: states === undefined,
    }),
    [states],
  );
}
