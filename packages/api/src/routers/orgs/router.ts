import { ROLES } from '@consailt/db';
import { z } from 'zod';
import { ForbiddenError } from '../../errors';
import { listMemberships } from '../../services/auth/sessions';
import {
  acceptInvitation,
  changeMemberRole,
  createInvitation,
  createOrganization,
  leaveOrganization,
  listInvitations,
  listMembers,
  previewInvitation,
  removeMember,
  renameOrganization,
  revokeInvitation,
  ZCreateInvitationInput,
  ZOrgName,
  ZRole,
} from '../../services/orgs';
import { authedProcedure, createTRPCRouter, publicProcedure, requirePermission } from '../../trpc';

const ZOrg = z.object({ id: z.string(), name: z.string(), slug: z.string() });

function requireUser(principal: { kind: string; user?: { id: string } }): string {
  if (principal.kind !== 'user' || !principal.user)
    throw new ForbiddenError('Only a signed-in user can do this');
  return principal.user.id;
}

export const orgsRouter = createTRPCRouter({
  /** Organizations the signed-in user belongs to, with their role in each. */
  mine: authedProcedure
    .output(z.array(z.object({ id: z.string(), name: z.string(), slug: z.string(), role: z.enum(ROLES) })))
    .query(async ({ ctx }) => {
      const userId = requireUser(ctx.principal);
      const rows = await listMemberships(ctx.deps, userId);
      return rows.map((m) => ({ id: m.orgId, name: m.orgName, slug: m.orgSlug, role: m.role }));
    }),

  current: requirePermission('knowledge:read')
    .output(ZOrg)
    .query(({ ctx }) => ctx.org),

  create: authedProcedure
    .input(z.object({ name: ZOrgName }))
    .output(ZOrg)
    .mutation(({ ctx, input }) => {
      const userId = requireUser(ctx.principal);
      return createOrganization(ctx.deps.db, {
        name: input.name,
        ownerId: userId,
        actor: { kind: 'user', userId, role: 'owner', scopes: [] },
        request: { ip: ctx.ip, userAgent: ctx.userAgent },
        clerk: ctx.deps.clerk,
      });
    }),

  rename: requirePermission('org:manage')
    .input(z.object({ name: ZOrgName }))
    .output(ZOrg)
    .mutation(({ ctx, input }) => renameOrganization(ctx.deps.db, ctx.scope, input.name, ctx.deps.clerk)),
});

const ZMember = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  joinedAt: z.date(),
});

export const membersRouter = createTRPCRouter({
  list: requirePermission('knowledge:read')
    .output(z.array(ZMember))
    .query(({ ctx }) => listMembers(ctx.deps.db, ctx.scope)),

  changeRole: requirePermission('members:manage')
    .input(z.object({ userId: z.uuid(), role: ZRole }))
    .output(z.object({ userId: z.string(), role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) => changeMemberRole(ctx.deps.db, ctx.scope, input, ctx.deps.clerk)),

  remove: requirePermission('members:manage')
    .input(z.object({ userId: z.uuid() }))
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx, input }) =>
      removeMember(ctx.deps.db, ctx.scope, input.userId, { clerk: ctx.deps.clerk }),
    ),

  leave: requirePermission('knowledge:read')
    .output(z.object({ userId: z.string() }))
    .mutation(({ ctx }) => leaveOrganization(ctx.deps.db, ctx.scope, ctx.deps.clerk)),
});

const ZInvitation = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  status: z.enum(['accepted', 'revoked', 'expired', 'pending']),
  expiresAt: z.date(),
  createdAt: z.date(),
});

const ZInvitationToken = z.string().trim().min(10).max(200);

export const invitationsRouter = createTRPCRouter({
  list: requirePermission('members:manage')
    .output(z.array(ZInvitation))
    .query(({ ctx }) => listInvitations(ctx.deps.db, ctx.scope)),

  /** Returns the single-use token once; the UI turns it into the invite link. */
  create: requirePermission('members:manage')
    .input(ZCreateInvitationInput)
    .output(z.object({ token: z.string(), invitation: ZInvitation }))
    .mutation(({ ctx, input }) => createInvitation(ctx.deps.db, ctx.scope, input, ctx.deps.clerk)),

  revoke: requirePermission('members:manage')
    .input(z.object({ id: z.uuid() }))
    .output(ZInvitation)
    .mutation(({ ctx, input }) => revokeInvitation(ctx.deps.db, ctx.scope, input.id, ctx.deps.clerk)),

  /** What an invite link leads to, before accepting; public so it can be shown before sign-in. */
  preview: publicProcedure
    .input(z.object({ token: ZInvitationToken }))
    .output(
      z.object({
        orgName: z.string(),
        inviterName: z.string().nullable(),
        role: z.enum(ROLES),
        expiresAt: z.date(),
      }),
    )
    .query(({ ctx, input }) => previewInvitation(ctx.deps.db, input.token)),

  accept: authedProcedure
    .input(z.object({ token: ZInvitationToken }))
    .output(z.object({ orgId: z.string(), role: z.enum(ROLES) }))
    .mutation(({ ctx, input }) =>
      acceptInvitation(ctx.deps.db, {
        token: input.token,
        userId: requireUser(ctx.principal),
        request: { ip: ctx.ip, userAgent: ctx.userAgent },
      }),
    ),
});
