import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { ClerkAuthPage } from '@/components/clerk/clerk-auth-page';
import { isClerkEnabled } from '@/components/clerk/clerk-root';
import { safeNextPath } from '@/lib/active-org';

export const metadata: Metadata = { title: 'Sign up' };

export const dynamic = 'force-dynamic';

/** Clerk's sign-up; without Clerk, accounts come from the seed and the admin CLI, so go to sign-in. */
export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  if (!isClerkEnabled()) redirect('/sign-in');
  return <ClerkAuthPage mode="sign-up" next={safeNextPath((await searchParams).next)} />;
}
