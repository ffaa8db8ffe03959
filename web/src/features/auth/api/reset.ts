import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';

/** `POST /auth/password/reset-request`: always 202, whether or not the address exists. */
export function useResetRequest() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/auth/password/reset-request', { body: { email } })),
  });
}

/** `POST /auth/password/reset` with the token from the emailed link. */
export function useResetPassword() {
  return useMutation({
    mutationFn: (input: { token: string; new_password: string }) =>
      unwrap(api.POST('/api/v1/auth/password/reset', { body: input })),
  });
}
