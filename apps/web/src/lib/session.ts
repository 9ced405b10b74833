import { redirect } from 'next/navigation';
import { cache } from 'react';
import { serverCaller } from '@/trpc/server';

/** The current session, fetched once per request however many Server Components ask for it. */
export const getSession = cache(async () => (await serverCaller()).auth.session());

export type Session = Awaited<ReturnType<typeof getSession>>;
export type SignedInSession = Session & { user: NonNullable<Session['user']> };

/** Returns the session of a signed-in user, or redirects to the sign-in page. */
export async function requireSession(): Promise<SignedInSession> {
  const session = await getSession();
  if (!session.user) redirect('/sign-in');
  return session as SignedInSession;
}
