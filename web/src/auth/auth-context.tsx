import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { setUnauthorizedListener } from '../shared/api';
import { fetchMe, login, logout, type SessionUser } from './auth.api';

export const ME_KEY = ['auth', 'me'] as const;

/** Why the login page is shown again: the session ran out, or the user left. */
export type SessionNotice = 'expired' | 'loggedOut' | null;

type AuthValue = {
  user: SessionUser | null | undefined;
  status: 'pending' | 'error' | 'success';
  refetch: () => void;
  notice: SessionNotice;
  signIn: (input: { email: string; password: string }) => Promise<SessionUser>;
  signOut: () => Promise<void>;
};

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    staleTime: 60_000,
    // An idle page notices an expired session without waiting for a click.
    refetchInterval: 5 * 60_000,
    retry: false,
  });
  const [notice, setNotice] = useState<SessionNotice>(null);
  const userRef = useRef(me.data);
  useEffect(() => {
    userRef.current = me.data;
  }, [me.data]);

  const endSession = useCallback(
    (why: SessionNotice) => {
      userRef.current = null;
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      queryClient.setQueryData(ME_KEY, null);
      setNotice(why);
    },
    [queryClient],
  );

  useEffect(() => {
    // Any 401 while someone was logged in means the session is gone (expired or revoked).
    setUnauthorizedListener(() => {
      if (userRef.current) endSession('expired');
    });
    return () => setUnauthorizedListener(null);
  }, [endSession]);

  const signIn = useCallback(
    async (input: { email: string; password: string }) => {
      const user = await login(input);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      userRef.current = user;
      queryClient.setQueryData(ME_KEY, user);
      setNotice(null);
      return user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      endSession('loggedOut');
    }
  }, [endSession]);

  const { refetch } = me;
  const value = useMemo<AuthValue>(
    () => ({ user: me.data, status: me.status, refetch: () => void refetch(), notice, signIn, signOut }),
    [me.data, me.status, refetch, notice, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The logged-in user, for components that only render inside the authenticated shell. */
export function useSessionUser(): SessionUser {
  const { user } = useAuth();
  if (!user) throw new Error('useSessionUser needs a logged-in user');
  return user;
}
