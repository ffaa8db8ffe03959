// The signed-in user with their role's permissions: screens show only what will succeed.
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import { keys } from './keys';

export function useMe() {
  return useQuery({
    queryKey: keys.me,
    queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
    staleTime: 5 * 60_000,
  });
}

/** Whether the signed-in user's role grants `permission` (admins hold `*`). */
export function useCan(permission: string): boolean {
  const me = useMe();
  const permissions = me.data?.permissions ?? [];
  return permissions.includes('*') || permissions.includes(permission);
}
