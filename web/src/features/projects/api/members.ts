// Project members: add, change role, remove. Every change refreshes the member list and the
// project itself (the caller's own abilities may have changed).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { keys } from '@/lib/queries/keys';
import type { Member } from '@/lib/queries/types';

function useRefresh(projectId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: keys.members(projectId) });
    void client.invalidateQueries({ queryKey: keys.project(projectId) });
  };
}

export function useAddMember(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (input: { user_id: string; role: string }) =>
      unwrap(api.POST('/api/v1/projects/{id}/members', { params: { path: { id: projectId } }, body: input })),
    onSuccess: refresh,
  });
}

export function useChangeMemberRole(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: ({ member, role }: { member: Member; role: string }) =>
      unwrap(
        api.PATCH('/api/v1/projects/{id}/members/{user_id}', {
          params: { path: { id: projectId, user_id: member.user_id } },
          headers: ifMatch(member.version),
          body: { role },
        }),
      ),
    onSuccess: refresh,
  });
}

export function useRemoveMember(projectId: string) {
  const refresh = useRefresh(projectId);
  return useMutation({
    mutationFn: (member: Member) =>
      unwrap(
        api.DELETE('/api/v1/projects/{id}/members/{user_id}', {
          params: { path: { id: projectId, user_id: member.user_id } },
        }),
      ),
    onSuccess: refresh,
  });
}

/** People to add: active users matching what was typed. */
export function useUserSearch(q: string, enabled: boolean) {
  return useQuery({
    queryKey: [...keys.users, 'search', q],
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { q: q || undefined, is_active: true, limit: 20 } } })),
    enabled,
    staleTime: 30_000,
  });
}
