import { type Executor, memberships, ROLES, type Role, users } from '@consailt/db';
import { and, asc, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { clerkIds } from '../clerk/clerk-ids';
import type { ClerkMirror } from '../clerk/mirror';
import { actorUserId, type OrgScope } from '../types';

export const ZRole = z.enum(ROLES);

export async function listMembers(db: Executor, scope: OrgScope) {
  return db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, scope.orgId))
    .orderBy(asc(memberships.createdAt));
}

async function getMembership(db: Executor, orgId: string, userId: string) {
  const [row] = await db
    .select({ id: memberships.id, role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)))
    .for('update');
  if (!row) throw new NotFoundError('Member', userId);
  return row;
}

async function countOwners(db: Executor, orgId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'owner')));
  return row?.n ?? 0;
}

function actorRole(scope: OrgScope): Role | null {
  return scope.actor.kind === 'user' ? scope.actor.role : null;
}

/** Only owners grant or remove the owner role, and an organization always keeps one owner. */
export async function changeMemberRole(
  db: Executor,
  scope: OrgScope,
  input: { userId: string; role: Role },
  clerk: ClerkMirror | null = null,
) {
  const target = await getMembership(db, scope.orgId, input.userId);
  if (target.role === input.role) return { userId: input.userId, role: input.role };
  const touchesOwner = target.role === 'owner' || input.role === 'owner';
  if (touchesOwner && actorRole(scope) !== 'owner') {
    throw new ForbiddenError('Only an owner can grant or remove the owner role');
  }
  if (target.role === 'owner' && (await countOwners(db, scope.orgId)) <= 1) {
    throw new ConflictError('An organization must keep at least one owner');
  }
  if (clerk) {
    const ids = await clerkIds(db, scope.orgId, input.userId);
    if (ids.clerkOrgId && ids.clerkUserId) await clerk.setRole(ids.clerkOrgId, ids.clerkUserId, input.role);
  }
  await db.update(memberships).set({ role: input.role }).where(eq(memberships.id, target.id));
  await recordAudit(db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'member.role_changed',
    targetType: 'user',
    targetId: input.userId,
    metadata: { from: target.role, to: input.role },
    request: scope.request,
  });
  return { userId: input.userId, role: input.role };
}

export async function removeMember(
  db: Executor,
  scope: OrgScope,
  userId: string,
  opts: { action?: 'member.removed' | 'member.left'; clerk?: ClerkMirror | null } = {},
) {
  const action = opts.action ?? 'member.removed';
  const target = await getMembership(db, scope.orgId, userId);
  if (target.role === 'owner' && action === 'member.removed' && actorRole(scope) !== 'owner') {
    throw new ForbiddenError('Only an owner can remove an owner');
  }
  if (target.role === 'owner' && (await countOwners(db, scope.orgId)) <= 1) {
    throw new ConflictError('An organization must keep at least one owner');
  }
  if (opts.clerk) {
    const ids = await clerkIds(db, scope.orgId, userId);
    if (ids.clerkOrgId && ids.clerkUserId) await opts.clerk.removeMember(ids.clerkOrgId, ids.clerkUserId);
  }
  await db.delete(memberships).where(eq(memberships.id, target.id));
  await recordAudit(db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action,
    targetType: 'user',
    targetId: userId,
    metadata: { role: target.role },
    request: scope.request,
  });
  return { userId };
}

/** The caller leaves the organization (the last owner cannot). */
export async function leaveOrganization(db: Executor, scope: OrgScope, clerk: ClerkMirror | null = null) {
  const userId = actorUserId(scope.actor);
  if (!userId || scope.actor.kind !== 'user') throw new ForbiddenError('Only a signed-in user can leave');
  return removeMember(db, scope, userId, { action: 'member.left', clerk });
}
