// The one HTTP client of the app: openapi-fetch typed by the generated `schema.d.ts`, with
// the bearer token attached, one retry after a token refresh on 401, and every error turned
// into an `ApiProblem`. Feature modules call `api.GET('/api/v1/projects/{id}', …)` through `unwrap`.
import createClient, { type Middleware } from 'openapi-fetch';
import { env } from '@/config/env';
import { accessToken, refresh } from '@/lib/auth/session';
import { ApiProblem } from './problem';
import type { paths } from './schema';

const PUBLIC = ['/auth/login', '/auth/refresh', '/auth/password/reset-request', '/auth/password/reset'];

function isPublic(url: string): boolean {
  const path = new URL(url, window.location.origin).pathname.slice(env.apiBase.length);
  return PUBLIC.includes(path);
}

// Requests are kept (cloned, body included) until their answer is in, so that one that met
// an expired session can be sent again after the refresh.
const pending = new Map<string, Request>();

const auth: Middleware = {
  async onRequest({ request, id }) {
    if (isPublic(request.url)) return request;
    const token = await accessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    pending.set(id, request.clone());
    return request;
  },
  async onResponse({ response, id }) {
    const original = pending.get(id);
    pending.delete(id);
    if (response.status !== 401 || !original) return response;
    const session = await refresh();
    if (!session) return response;
    original.headers.set('Authorization', `Bearer ${session.accessToken}`);
    return fetch(original);
  },
  onError({ id }) {
    pending.delete(id);
  },
};

// Paths in the generated types carry the full `/api/v1/…` prefix, so the base is the origin.
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

interface Result<D> {
  data?: D;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an `ApiProblem` thrown for any non-2xx answer or network failure. */
export async function unwrap<D>(call: Promise<Result<D>>): Promise<D> {
  let result: Result<D>;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiProblem(0, { detail: cause instanceof Error ? cause.message : String(cause) });
  }
  if (!result.response.ok) {
    throw new ApiProblem(result.response.status, result.error, retryAfter(result.response));
  }
  return result.data as D;
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('Retry-After'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** `If-Match` for a PATCH/DELETE of a resource read at `version`: a concurrent change is a 412. */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

/** Fetch with the session's token for the few calls outside the typed client (downloads). */
export async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const token = await accessToken();
  const headers = new Headers(init.headers);
  if (token) headers.set('Authorization', `Bearer ${token}`);
  const response = await fetch(`${env.apiBase}${path}`, { ...init, headers });
  if (!response.ok) throw await ApiProblem.fromResponse(response);
  return response;
}
