import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { ReactNode } from 'react';
import { AppShell } from '@/components/app-shell';
import { PaletteLauncher } from '@/components/command-palette/palette-launcher';
import { ACTIVE_ORG_COOKIE, parseActiveOrg } from '@/lib/active-org';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

/** Every page in this group needs a signed-in user; the proxy only checks that a cookie exists. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const [session, jar] = await Promise.all([requireSession(), cookies()]);
  const chosenOrg = parseActiveOrg(jar.get(ACTIVE_ORG_COOKIE)?.value);
  // The session falls back to the first membership when the chosen organization is no longer the user's;
  // every org-scoped call would then answer 404, so forget the stale choice first.
  if (chosenOrg && session.org?.id !== chosenOrg) redirect('/api/org/reset');
  const orgs = await (await serverCaller()).orgs.mine();

  return (
    <AppShell
      orgName={session.org?.name ?? 'No organization'}
      user={{ name: session.user.name, email: session.user.email }}
      role={session.role}
      devSignIn={session.devSignIn}
      session={{ user: session.user, org: session.org, role: session.role }}
      orgs={orgs.map((org) => ({ id: org.id, name: org.name, role: org.role }))}
    >
      {children}
      <PaletteLauncher />
    </AppShell>
  );
}
