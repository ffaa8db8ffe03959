// Clients: the searchable list with paging, one client and its projects, create, update,
// trash and restore.
// Every write refreshes everything under `clients` (the pickers of other screens included).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { usePagedQuery } from '@/lib/api/lists';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import type { Client } from '@/lib/queries/types';

export type CreateClient = components['schemas']['CreateClient'];
export type UpdateClient = components['schemas']['UpdateClient'];

export interface ClientFilters {
  q?: string;
  sort?: string;
  deleted?: boolean;
}

export const clientKey = (id: string) => [...keys.clients, 'one', id] as const;

export function useClientList(filters: ClientFilters) {
  return usePagedQuery([...keys.clients, 'list', filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/clients', {
        params: {
          query: {
            q: filters.q || undefined,
            sort: filters.sort || undefined,
            deleted: filters.deleted || undefined,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );
}

export function useClient(id: string) {
  return useQuery({
    queryKey: clientKey(id),
    queryFn: () => unwrap(api.GET('/api/v1/clients/{id}', { params: { path: { id } } })),
  });
}

export function useCreateClient() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateClient) => unwrap(api.POST('/api/v1/clients', { body: input })),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.clients }),
  });
}

export function useUpdateClient(client: Client) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateClient) =>
      unwrap(
        api.PATCH('/api/v1/clients/{id}', {
          params: { path: { id: client.id } },
          headers: ifMatch(client.version),
          body: input,
        }),
      ),
    onSuccess: (next) => {
      queries.setQueryData(clientKey(next.id), next);
      void queries.invalidateQueries({ queryKey: keys.clients });
    },
  });
}

export function useTrashClient(client: Client) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/clients/{id}', {
          params: { path: { id: client.id } },
          headers: ifMatch(client.version),
        }),
      ),
    onSuccess: () => {
      queries.removeQueries({ queryKey: clientKey(client.id) });
      void queries.invalidateQueries({ queryKey: keys.clients });
    },
  });
}

export function useRestoreClient() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/clients/{id}/restore', { params: { path: { id } } })),
    onSuccess: () => queries.invalidateQueries({ queryKey: keys.clients }),
  });
}

/** The client's projects (those the caller can see), latest first. */
export function useClientProjects(clientId: string) {
  return useQuery({
    queryKey: keys.projectList({ client_id: clientId, sort: '-start_date', limit: 20 }),
    queryFn: () =>
      unwrap(api.GET('/api/v1/projects', { params: { query: { client_id: clientId, sort: '-start_date', limit: 20 } } })),
  });
}
