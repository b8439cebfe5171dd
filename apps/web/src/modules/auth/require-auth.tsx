import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { Spin } from 'antd';
import { useSession } from './session.tsx';

/** Renders its children for a signed-in user; otherwise sends the browser to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'loading') {
    return (
      <div className="boot-spinner">
        <Spin size="large" />
      </div>
    );
  }
  if (state.status === 'anonymous') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search, expired: state.expired }} />;
  }
  return <>{children}</>;
}
