import { useSyncExternalStore } from 'react';
import { getSession, subscribe, type Session } from './session';

/** The current session; components re-render when it changes (login, refresh, logout). */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession, getSession);
}

/** Permission check against the signed-in user's role, as the navigation needs it. */
export function isAdmin(session: Session | null): boolean {
  return session?.user.role === 'admin';
}
