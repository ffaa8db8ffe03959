// Roles: every role with its permissions; custom roles are created, changed and deleted,
// built-in ones keep their name and permissions (their description and MFA rule can change).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';

export type Role = components['schemas']['RoleOut'];
export type CreateRole = components['schemas']['CreateRole'];
export type UpdateRole = components['schemas']['UpdateRole'];

const rolesKey = ['roles'] as const;

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: rolesKey,
    queryFn: () => unwrap(api.GET('/api/v1/roles')),
    enabled,
    staleTime: 60_000,
  });
}

export function useCreateRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRole) => unwrap(api.POST('/api/v1/roles', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: rolesKey }),
  });
}

export function useUpdateRole(role: Role) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateRole) =>
      unwrap(api.PATCH('/api/v1/roles/{id}', { params: { path: { id: role.id } }, headers: ifMatch(role.version), body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: rolesKey }),
  });
}

export function useDeleteRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (role: Role) =>
      unwrap(api.DELETE('/api/v1/roles/{id}', { params: { path: { id: role.id } }, headers: ifMatch(role.version) })),
    onSuccess: () => client.invalidateQueries({ queryKey: rolesKey }),
  });
}
