import { Center, Loader } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { canResume, refresh } from '@/lib/auth/session';
import { useSession } from '@/lib/auth/useSession';

/**
 * Signed-in screens: resumes a stored session once (a reload keeps you signed in), sends
 * everyone else to the login with the page to come back to, and a user whose role requires
 * MFA that is not set up yet to its setup.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const [resuming, setResuming] = useState(() => session === null && canResume());

  useEffect(() => {
    if (!resuming) return;
    let live = true;
    void refresh().finally(() => {
      if (live) setResuming(false);
    });
    return () => {
      live = false;
    };
  }, [resuming]);

  if (resuming) {
    return (
      <Center h="100vh" role="status" aria-label="…">
        <Loader />
      </Center>
    );
  }
  if (!session) {
    const next = location.pathname + location.search;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (session.mfaSetupRequired && !location.pathname.startsWith('/account')) {
    return <Navigate to="/account?setup=mfa" replace />;
  }
  return <>{children}</>;
}
