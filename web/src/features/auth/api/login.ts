import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/lib/api/client';
import type { components } from '@/lib/api/schema';
import { setTokens } from '@/lib/auth/session';

export type LoginInput = components['schemas']['LoginRequest'];

/** `POST /auth/login`; an `ApiProblem` of kind `mfa-required` asks for the second factor. */
export function useLogin() {
  return useMutation({
    mutationFn: async (input: LoginInput) => setTokens(await unwrap(api.POST('/api/v1/auth/login', { body: input }))),
  });
}
