// The signed-in user's own account: password, multi-factor login, sessions and API tokens.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { refresh, updateUser } from '@/lib/auth/session';
import { keys } from '@/lib/queries/keys';

export type Session = components['schemas']['SessionOut'];
export type ApiToken = components['schemas']['ApiTokenOut'];
export type CreateApiToken = components['schemas']['CreateApiToken'];

const sessionsKey = [...keys.me, 'sessions'] as const;
const tokensKey = [...keys.me, 'tokens'] as const;

/**
 * Reads `/auth/me` again and hands it to the session, so that what depends on the account
 * (the MFA-setup guard, the user menu) sees the change at once.
 */
function useRefreshMe() {
  const client = useQueryClient();
  return async () => {
    const me = await unwrap(api.GET('/api/v1/auth/me'));
    client.setQueryData(keys.me, me);
    updateUser(
      {
        id: me.id,
        email: me.email,
        first_name: me.first_name,
        last_name: me.last_name,
        role: me.role,
        client_id: me.client_id,
        mfa_enabled: me.mfa_enabled,
      },
      me.mfa_setup_required,
    );
    return me;
  };
}

export function useChangePassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { current_password: string; new_password: string }) =>
      unwrap(api.POST('/api/v1/auth/password/change', { body: input })),
    // The server ends every other session.
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useMfaSetup() {
  return useMutation({ mutationFn: () => unwrap(api.POST('/api/v1/auth/mfa/setup')) });
}

export function useMfaEnable() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/api/v1/auth/mfa/enable', { body: { code } })),
    onSuccess: async () => {
      // New tokens carry the lifted restriction; /auth/me confirms it for the guard.
      await refresh();
      await refreshMe();
    },
  });
}

export function useMfaDisable() {
  const refreshMe = useRefreshMe();
  return useMutation({
    mutationFn: (input: { password: string; code: string }) =>
      unwrap(api.POST('/api/v1/auth/mfa/disable', { body: input })),
    onSuccess: async () => {
      await refreshMe();
    },
  });
}

export function useSessions(enabled: boolean) {
  return useQuery({
    queryKey: sessionsKey,
    queryFn: () => unwrap(api.GET('/api/v1/auth/sessions')),
    enabled,
  });
}

export function useRevokeSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/auth/sessions/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}

/** Ends every session but this one, in one request ("sign out other devices"). */
export function useRevokeOtherSessions() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/auth/sessions', { params: { query: { except_current: true } } })),
    onSettled: () => client.invalidateQueries({ queryKey: sessionsKey }),
  });
}

export function useApiTokens(enabled: boolean) {
  return useQuery({
    queryKey: tokensKey,
    queryFn: () => unwrap(api.GET('/api/v1/auth/tokens')),
    enabled,
  });
}

export function useCreateApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiToken) => unwrap(api.POST('/api/v1/auth/tokens', { body: input })),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeApiToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/auth/tokens/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}
