import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadError } from '../../components/ui/load-error.js';
import { PageSkeleton } from '../../components/ui/skeleton.js';
import { LiveEvents } from '../live/live-events.js';
import { useMe } from './use-session.js';

/**
 * Layout route for signed-in screens: sends visitors to sign in, then back;
 * and an account that has not confirmed the minimum age and accepted the
 * terms yet (made by signing in with a provider) to the welcome step, then back.
 */
export function RequireAuth() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <PageSkeleton />;
  if (error && me === undefined) {
    // The server could not be asked (offline, restarting): say so rather than sign the user out.
    return (
      <div className="mx-auto max-w-xl px-4 py-16">
        <LoadError error={error} onRetry={refetch} />
      </div>
    );
  }
  if (!me) {
    const next = location.pathname + location.search;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!me.ageConfirmed && location.pathname !== '/welcome') {
    const next = location.pathname + location.search;
    return <Navigate to={`/welcome?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <>
      <LiveEvents />
      <Outlet />
    </>
  );
}
