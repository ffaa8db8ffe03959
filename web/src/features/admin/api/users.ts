// User administration: the filtered list with paging, create (with an invitation link when
// no password is given), update (name, role, active), and reset links.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ifMatch, unwrap } from '@/lib/api/client';
import { usePagedQuery } from '@/lib/api/lists';
import { isProblem } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { keys } from '@/lib/queries/keys';
import type { User } from '@/lib/queries/types';

export type CreateUser = components['schemas']['CreateUserRequest'];
export type UpdateUser = components['schemas']['UpdateUserRequest'];

export interface UserFilters {
  q?: string;
  role?: string;
  is_active?: boolean;
  sort?: string;
}

export function useUserList(filters: UserFilters) {
  return usePagedQuery([...keys.users, 'admin', filters], (cursor) =>
    unwrap(
      api.GET('/api/v1/users', {
        params: {
          query: {
            q: filters.q || undefined,
            role: filters.role || undefined,
            is_active: filters.is_active,
            sort: filters.sort || undefined,
            cursor,
            limit: 50,
          },
        },
      }),
    ),
  );
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUser) => unwrap(api.POST('/api/v1/users', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ user, input }: { user: User; input: UpdateUser }) =>
      unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          headers: ifMatch(user.version),
          body: input,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
    // Someone else changed the account: the list shows their version for the next try.
    onError: (error) => isProblem(error, 412) && client.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useResetLink() {
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/users/{id}/reset-link', { params: { path: { id } } })),
  });
}
