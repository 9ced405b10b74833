import { isDevSignInEnabled } from '@consailt/api';
import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from '@consailt/ui';
import { Building2Icon, LockIcon, LogInIcon, TriangleAlertIcon } from 'lucide-react';
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ClerkAuthPage } from '@/components/clerk/clerk-auth-page';
import { isClerkEnabled } from '@/components/clerk/clerk-root';
import { type Role, RoleBadge } from '@/components/role-badge';
import { safeNextPath } from '@/lib/active-org';
import { getSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Sign in' };

export const dynamic = 'force-dynamic';

/** Only the path of the URL Clerk passes (a full URL): another host can never become the redirect target. */
function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, 'http://localhost');
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return undefined;
  }
}

type DemoUser = { id: string; name: string; email: string; role: Role; orgName: string };

function DemoUserCard({ user, next }: { user: DemoUser; next: string | null }) {
  return (
    <Card className="gap-4" data-testid="demo-user">
      <CardHeader className="grid-cols-[1fr_auto]">
        <CardTitle>{user.name}</CardTitle>
        <RoleBadge role={user.role} className="col-start-2 row-start-1" />
        <CardDescription className="truncate">{user.email}</CardDescription>
      </CardHeader>
      <CardContent className="flex items-center gap-2 text-muted-foreground text-sm">
        <Building2Icon className="size-4 shrink-0" aria-hidden />
        <span className="truncate">{user.orgName}</span>
      </CardContent>
      <CardFooter className="mt-auto">
        <form action="/api/dev/sign-in" method="post" className="w-full">
          <input type="hidden" name="userId" value={user.id} />
          {next ? <input type="hidden" name="next" value={next} /> : null}
          <Button type="submit" className="w-full" aria-label={`Sign in as ${user.name}`}>
            <LogInIcon aria-hidden />
            Sign in as {user.name.split(' ')[0]}
          </Button>
        </form>
      </CardFooter>
    </Card>
  );
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; redirect_url?: string }>;
}) {
  if (isClerkEnabled()) {
    // Clerk's middleware sends signed-out visitors here with the page they wanted as `redirect_url`.
    const params = await searchParams;
    return <ClerkAuthPage mode="sign-in" next={safeNextPath(params.next ?? pathOf(params.redirect_url))} />;
  }
  if (!isDevSignInEnabled()) {
    return (
      <main className="flex min-h-dvh items-center justify-center p-6">
        <Card className="w-full max-w-md text-center">
          <CardHeader className="justify-items-center">
            <LockIcon className="mb-2 size-6 text-muted-foreground" aria-hidden />
            <CardTitle>Sign-in is not configured</CardTitle>
            <CardDescription>
              Development sign-in is disabled in this environment and no identity provider is set up yet. Ask
              an administrator to configure Clerk.
            </CardDescription>
          </CardHeader>
        </Card>
      </main>
    );
  }

  const next = safeNextPath((await searchParams).next);
  // Already signed in with a valid session: nothing to do here.
  const session = await getSession();
  if (session.user) redirect(next ?? '/');

  const users = await (await serverCaller()).auth.demoUsers();

  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-4xl flex-col gap-6 px-4 py-10">
      <div
        role="note"
        className="flex items-start gap-3 rounded-lg border border-amber-300 bg-amber-50 p-4 text-amber-900 text-sm dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200"
      >
        <TriangleAlertIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
        <p>
          <strong className="font-semibold">Development sign-in — embedded mode only.</strong> Configure Clerk
          for production.
        </p>
      </div>

      <div className="flex flex-col gap-1">
        <h1 className="font-semibold text-2xl tracking-tight">Sign in to Consailt</h1>
        <p className="text-muted-foreground text-sm">Choose a seeded demo user to continue.</p>
      </div>

      {users.length === 0 ? (
        <Card className="items-center border-dashed py-10 text-center">
          <CardDescription>
            No demo users found. Seed the database (<code className="font-mono">npm run db:seed</code>) and
            reload.
          </CardDescription>
        </Card>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {users.map((user) => (
            <DemoUserCard key={user.id} user={user} next={next} />
          ))}
        </div>
      )}

      <p className="text-muted-foreground text-xs">
        <Badge variant="outline" className="mr-2">
          Embedded
        </Badge>
        Sessions are stored in a cookie on this device. Signing out clears it.
      </p>
    </main>
  );
}
