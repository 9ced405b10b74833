import { DEMO_ORG, DEMO_USERS, memberships, organizations, type Role, users } from '@consailt/db';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Deps } from '../types';

export type SessionUser = { id: string; name: string; email: string };
export type Membership = { orgId: string; orgName: string; orgSlug: string; role: Role };

export async function findUser(deps: Pick<Deps, 'db'>, userId: string): Promise<SessionUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const [row] = await deps.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}

/** The user's memberships, oldest first: the first one is the default organization. */
export async function listMemberships(deps: Pick<Deps, 'db'>, userId: string): Promise<Membership[]> {
  return deps.db
    .select({
      orgId: organizations.id,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

export async function findMembership(
  deps: Pick<Deps, 'db'>,
  userId: string,
  orgId: string,
): Promise<Membership | null> {
  if (!/^[0-9a-f-]{36}$/i.test(orgId)) return null;
  const rows = await deps.db
    .select({
      orgId: organizations.id,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(and(eq(memberships.userId, userId), eq(memberships.orgId, orgId)));
  return rows[0] ?? null;
}

export type DemoUser = { id: string; name: string; email: string; role: Role; orgName: string };

/** The seeded demo users, for the development sign-in page (only served when it is enabled). */
export async function listDemoUsers(deps: Pick<Deps, 'db'>): Promise<DemoUser[]> {
  const rows = await deps.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      orgName: organizations.name,
    })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .innerJoin(organizations, eq(organizations.id, memberships.orgId))
    .where(
      and(
        eq(organizations.slug, DEMO_ORG.slug),
        inArray(
          users.email,
          DEMO_USERS.map((u) => u.email),
        ),
      ),
    );
  const order: Role[] = ['owner', 'admin', 'member', 'viewer'];
  return rows.sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
}

export async function findOrgSummary(
  deps: Pick<Deps, 'db'>,
  orgId: string,
): Promise<{ id: string; name: string; slug: string } | null> {
  const [row] = await deps.db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return row ?? null;
}

/**
 * Map verified Clerk claims to our user and (active) organization. Users and organizations arrive
 * through the Clerk webhook; until a user is synced, the request is unauthenticated.
 */
export async function resolveClerkUser(
  deps: Pick<Deps, 'db'>,
  claims: { clerkUserId: string; clerkOrgId: string | null },
): Promise<{ user: SessionUser; orgId: string | null } | null> {
  const [user] = await deps.db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.clerkUserId, claims.clerkUserId));
  if (!user) return null;
  let orgId: string | null = null;
  if (claims.clerkOrgId) {
    const [org] = await deps.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.clerkOrgId, claims.clerkOrgId));
    orgId = org?.id ?? null;
  }
  return { user, orgId };
}
