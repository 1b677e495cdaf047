import { Navigate, Outlet, useLocation } from 'react-router';
import { ErrorState, LoadingState } from '../../ui/states';
import { AppLayout } from '../shell/app-layout';
import { useMe } from './use-me';

/** Every page but sign-in: signed out → sign-in, with the way back in `next`. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isError) return <ErrorState error={me.error} retry={() => void me.refetch()} />;
  if (me.isPending) return <LoadingState label="your session" />;
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return (
    <AppLayout me={me.data}>
      <Outlet />
    </AppLayout>
  );
}
