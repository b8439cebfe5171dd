import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginRequest, Role, User } from '@autofin/contracts';
import { ApiError, onUnauthorized } from '../../api/client.ts';
import { login as apiLogin, logout as apiLogout, me } from './auth.api.ts';
import { storedLocale } from '../../i18n/i18n.ts';
import { useLocale } from '../../i18n/locale-provider.tsx';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; expired: boolean }
  | { status: 'authenticated'; user: User };

interface SessionContextValue {
  state: SessionState;
  signIn(credentials: LoginRequest): Promise<User>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const { setLocale } = useLocale();

  const adopt = useCallback(
    (user: User) => {
      // The user's saved language applies until they pick one on this browser.
      if (!storedLocale()) setLocale(user.locale, { remember: false });
      setState({ status: 'authenticated', user });
    },
    [setLocale],
  );

  useEffect(() => {
    let cancelled = false;
    me()
      .then(({ user }) => {
        if (!cancelled) adopt(user);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        // Any failure (401, server down) leaves the user at the sign-in page, which reports it on submit.
        if (!(error instanceof ApiError) || error.status !== 401) console.warn('session check failed', error);
        setState({ status: 'anonymous', expired: false });
      });
    return () => {
      cancelled = true;
    };
  }, [adopt]);

  useEffect(
    () =>
      onUnauthorized(() => {
        setState((current) => (current.status === 'authenticated' ? { status: 'anonymous', expired: true } : current));
      }),
    [],
  );

  const signIn = useCallback(
    async (credentials: LoginRequest) => {
      const { user } = await apiLogin(credentials);
      adopt(user);
      return user;
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    try {
      await apiLogout();
    } finally {
      setState({ status: 'anonymous', expired: false });
    }
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind <RequireAuth>. */
export function useCurrentUser(): User {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useCurrentUser needs a signed-in user');
  return state.user;
}

export function hasAnyRole(user: User, roles: readonly Role[]): boolean {
  return user.roles.some((role) => roles.includes(role));
}
