'use client';

import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { roleCan, type Scope, scopesFor } from '@/lib/permissions';
import type { Role } from './role-badge';

export type ClientSession = {
  user: { id: string; name: string; email: string };
  org: { id: string; name: string; slug: string } | null;
  role: Role | null;
};

type SessionValue = ClientSession & { scopes: readonly Scope[]; can: (scope: Scope) => boolean };

const SessionContext = createContext<SessionValue | null>(null);

/** The signed-in user, active organization and role, resolved once by the (app) layout on the server. */
export function SessionProvider({ session, children }: { session: ClientSession; children: ReactNode }) {
  const value = useMemo<SessionValue>(
    () => ({
      ...session,
      scopes: scopesFor(session.role),
      can: (scope: Scope) => roleCan(session.role, scope),
    }),
    [session],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside the (app) layout');
  return value;
}
