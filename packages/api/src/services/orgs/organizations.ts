import { randomBytes } from 'node:crypto';
import {
  type Database,
  type Executor,
  memberships,
  organizations,
  users,
  withOrgContext,
} from '@consailt/db';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { clerkIds } from '../clerk/clerk-ids';
import type { ClerkMirror } from '../clerk/mirror';
import type { Actor, OrgScope } from '../types';

export const ZOrgName = z.string().trim().min(2, 'Name must be at least 2 characters').max(100);

function slugify(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `${base || 'org'}-${randomBytes(3).toString('hex')}`;
}

/** Create an organization with `ownerId` as its first owner (users, the admin CLI, Clerk sync). */
export async function createOrganization(
  db: Database,
  input: {
    name: string;
    ownerId: string | null;
    actor: Actor;
    clerkOrgId?: string | null;
    request?: OrgScope['request'];
    clerk?: ClerkMirror | null;
  },
) {
  const name = ZOrgName.parse(input.name);
  let clerkOrgId = input.clerkOrgId ?? null;
  if (input.clerk && !clerkOrgId) {
    const [owner] = input.ownerId
      ? await db.select({ id: users.clerkUserId }).from(users).where(eq(users.id, input.ownerId))
      : [];
    clerkOrgId = (await input.clerk.createOrganization({ name, createdByClerkUserId: owner?.id ?? null }))
      .clerkOrgId;
  }
  const [org] = await db
    .insert(organizations)
    .values({ name, slug: slugify(name), clerkOrgId })
    .returning();
  if (!org) throw new Error('organization insert returned nothing');
  await withOrgContext(db, org.id, async (tx) => {
    if (input.ownerId)
      await tx.insert(memberships).values({ orgId: org.id, userId: input.ownerId, role: 'owner' });
    await recordAudit(tx, {
      orgId: org.id,
      actor: input.actor,
      action: 'org.created',
      targetType: 'organization',
      targetId: org.id,
      metadata: { name },
      request: input.request,
    });
  });
  return { id: org.id, name: org.name, slug: org.slug };
}

export async function renameOrganization(
  db: Executor,
  scope: OrgScope,
  name: string,
  clerk: ClerkMirror | null = null,
) {
  const clean = ZOrgName.parse(name);
  if (clerk) {
    const { clerkOrgId } = await clerkIds(db, scope.orgId);
    if (clerkOrgId) await clerk.renameOrganization(clerkOrgId, clean);
  }
  const [before] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, scope.orgId));
  if (!before) throw new NotFoundError('Organization');
  const [org] = await db
    .update(organizations)
    .set({ name: clean })
    .where(eq(organizations.id, scope.orgId))
    .returning();
  if (!org) throw new NotFoundError('Organization');
  await recordAudit(db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'org.renamed',
    targetType: 'organization',
    targetId: org.id,
    metadata: { from: before.name, to: clean },
    request: scope.request,
  });
  return { id: org.id, name: org.name, slug: org.slug };
}

/** Find an organization by id or exact name (admin CLI). */
export async function findOrganization(db: Database, ref: string) {
  const isId = /^[0-9a-f-]{36}$/i.test(ref);
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug })
    .from(organizations)
    .where(isId ? eq(organizations.id, ref) : sql`lower(${organizations.name}) = lower(${ref})`);
  if (rows.length > 1) throw new ConflictError(`Several organizations are named "${ref}"; use the id`);
  const org = rows[0];
  if (!org) throw new NotFoundError('Organization', ref);
  return org;
}

export async function listOrganizations(db: Database) {
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      slug: organizations.slug,
      members: sql<number>`(select count(*)::int from memberships m where m.org_id = ${organizations}.id)`,
      createdAt: organizations.createdAt,
    })
    .from(organizations)
    .orderBy(organizations.createdAt);
}
