import { ROLES } from '@consailt/db';
import { z } from 'zod';
import { ForbiddenError } from '../../errors';
import { listDemoUsers, listMemberships } from '../../services/auth/sessions';
import { createTRPCRouter, publicProcedure } from '../../trpc';

const ZRole = z.enum(ROLES);

const ZSession = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  org: z.object({ id: z.string(), name: z.string(), slug: z.string() }).nullable(),
  role: ZRole.nullable(),
  devSignIn: z.boolean(),
});

export const authRouter = createTRPCRouter({
  /** Who is signed in and in which organization; null user when signed out (never an error). */
  session: publicProcedure.output(ZSession).query(async ({ ctx }) => {
    if (ctx.principal?.kind !== 'user')
      return { user: null, org: null, role: null, devSignIn: ctx.devSignIn };
    const memberships = await listMemberships(ctx.deps, ctx.principal.user.id);
    const current = memberships.find((m) => m.orgId === ctx.requestedOrgId) ?? memberships[0] ?? null;
    return {
      user: ctx.principal.user,
      org: current ? { id: current.orgId, name: current.orgName, slug: current.orgSlug } : null,
      role: current?.role ?? null,
      devSignIn: ctx.devSignIn,
    };
  }),

  /** Seeded demo users for the development sign-in page; refused when dev sign-in is off. */
  demoUsers: publicProcedure
    .output(
      z.array(
        z.object({ id: z.string(), name: z.string(), email: z.string(), role: ZRole, orgName: z.string() }),
      ),
    )
    .query(async ({ ctx }) => {
      if (!ctx.devSignIn) throw new ForbiddenError('Development sign-in is disabled');
      return listDemoUsers(ctx.deps);
    }),
});
