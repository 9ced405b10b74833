import { SignIn, SignOutButton, SignUp } from '@clerk/nextjs';
import { auth } from '@clerk/nextjs/server';
import { Button, Card, CardDescription, CardFooter, CardHeader, CardTitle } from '@consailt/ui';
import { LoaderCircleIcon } from 'lucide-react';
import { redirect } from 'next/navigation';
import { getSession } from '@/lib/session';

/**
 * Clerk's sign-in or sign-up, for the /sign-in and /sign-up catch-all routes (Clerk's path routing puts
 * its steps, such as /sign-in/factor-one, under them). Only rendered when Clerk is configured.
 */
export async function ClerkAuthPage({ mode, next }: { mode: 'sign-in' | 'sign-up'; next: string | null }) {
  const session = await getSession();
  if (session.user) redirect(next ?? '/');
  // Signed in at Clerk but not known here yet: the user arrives through the Clerk webhook a moment
  // after signing up. Rendering <SignIn /> now would bounce straight back to a page that sends them here.
  const { userId } = await auth();
  if (userId) {
    return (
      <main className="flex min-h-dvh items-center justify-center p-6">
        <Card className="w-full max-w-md text-center" role="status">
          <CardHeader className="justify-items-center">
            <LoaderCircleIcon className="mb-2 size-6 animate-spin text-muted-foreground" aria-hidden />
            <CardTitle>Setting up your account</CardTitle>
            <CardDescription>
              Your sign-in worked; your account is still being provisioned. Reload in a moment.
            </CardDescription>
          </CardHeader>
          <CardFooter className="justify-center gap-2">
            <Button asChild>
              <a href={next ?? '/'}>Reload</a>
            </Button>
            <SignOutButton>
              <Button variant="outline">Sign out</Button>
            </SignOutButton>
          </CardFooter>
        </Card>
      </main>
    );
  }
  return (
    <main className="flex min-h-dvh items-center justify-center p-6" data-testid={`clerk-${mode}`}>
      {mode === 'sign-in' ? (
        <SignIn path="/sign-in" routing="path" signUpUrl="/sign-up" fallbackRedirectUrl={next ?? '/'} />
      ) : (
        <SignUp path="/sign-up" routing="path" signInUrl="/sign-in" fallbackRedirectUrl={next ?? '/'} />
      )}
    </main>
  );
}
