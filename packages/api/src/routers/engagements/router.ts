import { ENTRY_TYPES } from '@consailt/db';
import { z } from 'zod';
import {
  createEngagement,
  deleteEngagement,
  getEngagement,
  listEngagements,
  updateEngagement,
  ZCreateEngagementInput,
  ZUpdateEngagementInput,
} from '../../services/engagements';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZStatus = z.enum(['prospect', 'active', 'on_hold', 'completed', 'archived']);
const ZIdOut = z.object({ id: z.string() });

export const engagementsRouter = createTRPCRouter({
  list: requirePermission('knowledge:read')
    .meta({
      openapi: { method: 'GET', path: '/engagements', tags: ['engagements'], summary: 'List engagements' },
    })
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          clientName: z.string(),
          status: z.string(),
          entryCount: z.number(),
        }),
      ),
    )
    .query(({ ctx }) => listEngagements(ctx.deps, ctx.scope)),

  byId: requirePermission('knowledge:read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/engagements/{id}',
        tags: ['engagements'],
        summary: 'Get an engagement',
      },
    })
    .input(z.object({ id: z.uuid() }))
    .output(
      z.object({
        id: z.string(),
        name: z.string(),
        clientName: z.string(),
        status: ZStatus,
        startDate: z.string().nullable(),
        endDate: z.string().nullable(),
        description: z.string(),
        keywords: z.array(z.string()),
        createdAt: z.date(),
        updatedAt: z.date(),
        entryCount: z.number(),
        newsCount: z.number(),
        recentEntries: z.array(
          z.object({ id: z.string(), title: z.string(), type: z.enum(ENTRY_TYPES), updatedAt: z.date() }),
        ),
      }),
    )
    .query(({ ctx, input }) => getEngagement(ctx.deps, ctx.scope, input.id)),

  create: requirePermission('engagements:manage')
    .input(ZCreateEngagementInput)
    .output(ZIdOut)
    .mutation(({ ctx, input }) => createEngagement(ctx.deps, ctx.scope, input)),

  update: requirePermission('engagements:manage')
    .input(ZUpdateEngagementInput)
    .output(ZIdOut)
    .mutation(({ ctx, input }) => updateEngagement(ctx.deps, ctx.scope, input)),

  delete: requirePermission('engagements:manage')
    .input(z.object({ id: z.uuid() }))
    .output(ZIdOut)
    .mutation(({ ctx, input }) => deleteEngagement(ctx.deps, ctx.scope, input.id)),
});
