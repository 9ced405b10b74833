import { type Executor, organizations, users } from '@consailt/db';
import { eq } from 'drizzle-orm';

/** Clerk ids of an organization and (optionally) a user; null where they were never synced. */
export async function clerkIds(db: Executor, orgId: string, userId?: string | null) {
  const [org] = await db
    .select({ id: organizations.clerkOrgId })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  let user: string | null = null;
  if (userId) {
    const [u] = await db.select({ id: users.clerkUserId }).from(users).where(eq(users.id, userId));
    user = u?.id ?? null;
  }
  return { clerkOrgId: org?.id ?? null, clerkUserId: user };
}
