import { randomBytes } from 'node:crypto';
import {
  APP_ROLE,
  type Database,
  type Executor,
  invitations,
  memberships,
  organizations,
  sha256,
  users,
} from '@consailt/db';
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { clerkIds } from '../clerk/clerk-ids';
import type { ClerkMirror } from '../clerk/mirror';
import { type Actor, actorUserId, type OrgScope } from '../types';
import { ZRole } from './members';

export const INVITATION_TTL_DAYS = 7;

export const ZCreateInvitationInput = z.object({
  email: z
    .email('A valid email is required')
    .max(320)
    .transform((e) => e.toLowerCase()),
  role: ZRole.default('member'),
});
export type CreateInvitationInput = z.infer<typeof ZCreateInvitationInput>;

/** Invite by email. Returns the single-use token once (it goes in the invite link); only its hash is kept. */
export async function createInvitation(
  db: Executor,
  scope: OrgScope,
  input: CreateInvitationInput,
  clerk: ClerkMirror | null = null,
) {
  if (input.role === 'owner' && !(scope.actor.kind === 'user' && scope.actor.role === 'owner')) {
    throw new ForbiddenError('Only an owner can invite an owner');
  }
  const [existing] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, scope.orgId), sql`lower(${users.email}) = ${input.email}`));
  if (existing) throw new ConflictError(`${input.email} is already a member`);
  if (clerk) {
    // With Clerk, Clerk sends the invitation email and runs the accept flow.
    const ids = await clerkIds(db, scope.orgId, actorUserId(scope.actor));
    if (ids.clerkOrgId) {
      await clerk.invite({
        clerkOrgId: ids.clerkOrgId,
        email: input.email,
        role: input.role,
        inviterClerkUserId: ids.clerkUserId,
      });
    }
  }
  const token = randomBytes(24).toString('base64url');
  const [row] = await db
    .insert(invitations)
    .values({
      orgId: scope.orgId,
      email: input.email,
      role: input.role,
      tokenHash: sha256(token),
      invitedBy: actorUserId(scope.actor),
      expiresAt: new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 3600_000),
    })
    .returning();
  if (!row) throw new Error('invitation insert returned nothing');
  await recordAudit(db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'invitation.created',
    targetType: 'invitation',
    targetId: row.id,
    metadata: { email: row.email, role: row.role },
    request: scope.request,
  });
  return { token, invitation: toDto(row) };
}

function toDto(row: typeof invitations.$inferSelect) {
  const status = row.acceptedAt
    ? 'accepted'
    : row.revokedAt
      ? 'revoked'
      : row.expiresAt.getTime() <= Date.now()
        ? 'expired'
        : 'pending';
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: status as 'accepted' | 'revoked' | 'expired' | 'pending',
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

export async function listInvitations(db: Executor, scope: OrgScope) {
  const rows = await db
    .select()
    .from(invitations)
    .where(eq(invitations.orgId, scope.orgId))
    .orderBy(desc(invitations.createdAt));
  return rows.map(toDto);
}

export async function revokeInvitation(
  db: Executor,
  scope: OrgScope,
  id: string,
  clerk: ClerkMirror | null = null,
) {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.id, id),
        eq(invitations.orgId, scope.orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning();
  if (!row) throw new NotFoundError('Pending invitation', id);
  if (clerk) {
    const ids = await clerkIds(db, scope.orgId, actorUserId(scope.actor));
    if (ids.clerkOrgId) {
      await clerk.revokeInvitation({
        clerkOrgId: ids.clerkOrgId,
        email: row.email,
        requestingClerkUserId: ids.clerkUserId,
      });
    }
  }
  await recordAudit(db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'invitation.revoked',
    targetType: 'invitation',
    targetId: row.id,
    metadata: { email: row.email },
    request: scope.request,
  });
  return toDto(row);
}

/**
 * Accept an invitation as the signed-in user. Single use: the row is claimed atomically, so two
 * concurrent accepts cannot both succeed. Expired, revoked, used and unknown tokens all fail.
 */
export async function acceptInvitation(
  db: Database,
  input: { token: string; userId: string; request?: OrgScope['request'] },
) {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, input.userId));
  if (!user) throw new NotFoundError('User');
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: input.userId })
      .where(
        and(
          eq(invitations.tokenHash, sha256(input.token)),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date()),
        ),
      )
      .returning();
    if (!claimed) throw new ValidationError('This invitation is invalid, expired or already used');
    if (claimed.email.toLowerCase() !== user.email.toLowerCase()) {
      throw new ForbiddenError('This invitation was sent to a different email address');
    }
    const actor: Actor = { kind: 'user', userId: input.userId, role: claimed.role, scopes: [] };
    await withOrgContextTx(tx, claimed.orgId);
    await tx
      .insert(memberships)
      .values({ orgId: claimed.orgId, userId: input.userId, role: claimed.role })
      .onConflictDoNothing();
    await recordAudit(tx, {
      orgId: claimed.orgId,
      actor,
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: claimed.id,
      metadata: { email: claimed.email, role: claimed.role },
      request: input.request,
    });
    return { orgId: claimed.orgId, role: claimed.role };
  });
}

export type InvitationPreview = {
  orgName: string;
  inviterName: string | null;
  role: (typeof invitations.$inferSelect)['role'];
  expiresAt: Date;
};

/**
 * What an invite link leads to, without accepting it: organization, inviter, role and expiry, and
 * nothing else (not the invited address, not the organization's id or members). Unknown tokens are
 * NOT_FOUND; used, revoked and expired ones say which, since only the holder of a real 192-bit token
 * can ask. Token-addressed, so it reads across organizations by design, like `acceptInvitation`.
 */
export async function previewInvitation(db: Executor, token: string): Promise<InvitationPreview> {
  const [row] = await db
    .select({
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      acceptedAt: invitations.acceptedAt,
      revokedAt: invitations.revokedAt,
      orgName: organizations.name,
      inviterName: users.name,
    })
    .from(invitations)
    .innerJoin(organizations, eq(organizations.id, invitations.orgId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, sha256(token)));
  if (!row) throw new NotFoundError('Invitation');
  if (row.acceptedAt) throw new ValidationError('This invitation has already been used');
  if (row.revokedAt) throw new ValidationError('This invitation has been revoked');
  if (row.expiresAt.getTime() <= Date.now()) throw new ValidationError('This invitation has expired');
  return { orgName: row.orgName, inviterName: row.inviterName, role: row.role, expiresAt: row.expiresAt };
}

/** Switch an open transaction to the org context (the invitation's org is only known mid-way). */
async function withOrgContextTx(tx: Executor, orgId: string) {
  await tx.execute(
    sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${APP_ROLE}, true)`,
  );
}
