// The signed-in session: the access token lives in memory, the refresh token in
// localStorage so that a reload or a new tab stays signed in. Scripts run only from our own
// origin (the server's CSP), which is what keeps that storage out of other code's reach.
// Tokens are rotated shortly before the access token expires and on a 401; a refresh that
// fails signs out everywhere (other tabs hear it through the storage event).
import { env } from '@/config/env';

export interface SessionUser {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: string;
  client_id?: string | null;
  mfa_enabled: boolean;
}

interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: SessionUser;
  mfa_setup_required?: boolean;
}

export interface Session {
  accessToken: string;
  expiresAt: number;
  user: SessionUser;
  mfaSetupRequired: boolean;
}

const REFRESH_KEY = 'eventmgr.refresh';
const USER_KEY = 'eventmgr.user';

let current: Session | null = null;
let refreshing: Promise<Session | null> | null = null;
const listeners = new Set<() => void>();

function notify() {
  for (const listener of listeners) listener();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function getSession(): Session | null {
  return current;
}

/** A refresh token is stored: the app can try to resume the session without a login. */
export function canResume(): boolean {
  return localStorage.getItem(REFRESH_KEY) !== null;
}

export function storedUser(): SessionUser | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as SessionUser) : null;
  } catch {
    return null;
  }
}

export function setTokens(pair: TokenPair): Session {
  current = {
    accessToken: pair.access_token,
    expiresAt: Date.now() + pair.expires_in * 1000,
    user: pair.user,
    mfaSetupRequired: pair.mfa_setup_required ?? false,
  };
  localStorage.setItem(REFRESH_KEY, pair.refresh_token);
  localStorage.setItem(USER_KEY, JSON.stringify(pair.user));
  notify();
  return current;
}

export function updateUser(user: SessionUser, mfaSetupRequired = current?.mfaSetupRequired ?? false) {
  if (!current) return;
  current = { ...current, user, mfaSetupRequired };
  localStorage.setItem(USER_KEY, JSON.stringify(user));
  notify();
}

export function clearSession() {
  current = null;
  localStorage.removeItem(REFRESH_KEY);
  localStorage.removeItem(USER_KEY);
  notify();
}

/**
 * Exchanges the stored refresh token for a new pair. One exchange at a time in this tab, and
 * across tabs through a Web Lock: two tabs sending the same refresh token would look like a
 * stolen token to the server, which then ends the whole session.
 */
export function refresh(): Promise<Session | null> {
  if (refreshing) return refreshing;
  if (!localStorage.getItem(REFRESH_KEY)) return Promise.resolve(null);
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const run: Promise<Session | null> = locks
    ? (async () => await locks.request('eventmgr-refresh', exchange))()
    : exchange();
  const pending = run.finally(() => {
    refreshing = null;
  });
  refreshing = pending;
  return pending;
}

async function exchange(): Promise<Session | null> {
  // Read inside the lock: another tab may have rotated it while this one waited.
  const token = localStorage.getItem(REFRESH_KEY);
  if (!token) {
    clearSession();
    return null;
  }
  try {
    const response = await fetch(`${env.apiBase}/auth/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ refresh_token: token }),
    });
    if (response.status === 401 || response.status === 400 || response.status === 403) {
      clearSession();
      return null;
    }
    if (!response.ok) return current;
    return setTokens((await response.json()) as TokenPair);
  } catch {
    // Offline: keep what we have; the next request tries again.
    return current;
  }
}

/** A valid access token, refreshed first when it is about to expire. */
export async function accessToken(): Promise<string | null> {
  if (current && current.expiresAt - Date.now() > env.refreshMarginSeconds * 1000) {
    return current.accessToken;
  }
  const session = await refresh();
  return session?.accessToken ?? null;
}

// Signing out in one tab signs out the others.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === REFRESH_KEY && event.newValue === null && current) {
      current = null;
      notify();
    }
  });
}
