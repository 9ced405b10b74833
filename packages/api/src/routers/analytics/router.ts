import { z } from 'zod';
import {
  getKnowledgeGrowth,
  getMemberActivity,
  getSearchAnalytics,
  ZAnalyticsRangeInput,
} from '../../services/analytics';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZWindow = { from: z.date(), to: z.date() };
const ZSearchCounts = { searches: z.number(), noResults: z.number(), clicks: z.number() };
const ZGrowth = z.object({
  groups: z.array(
    z.object({
      id: z.string().nullable(),
      name: z.string().nullable(),
      before: z.number(),
      added: z.number(),
      total: z.number(),
    }),
  ),
  byDay: z.array(z.object({ day: z.string(), id: z.string().nullable(), added: z.number() })),
});

export const analyticsRouter = createTRPCRouter({
  /** Searches per day, top queries, queries without results and click-through (default: last 30 days). */
  search: requirePermission('analytics:read')
    .input(ZAnalyticsRangeInput)
    .output(
      z.object({
        ...ZWindow,
        totals: z.object({ ...ZSearchCounts, clickThroughRate: z.number().nullable() }),
        byDay: z.array(z.object({ day: z.string(), ...ZSearchCounts })),
        topQueries: z.array(
          z.object({
            query: z.string(),
            ...ZSearchCounts,
            avgResults: z.number(),
            clickThroughRate: z.number().nullable(),
          }),
        ),
        noResultQueries: z.array(
          z.object({ query: z.string(), searches: z.number(), lastSearchedAt: z.date() }),
        ),
      }),
    )
    .query(({ ctx, input }) => getSearchAnalytics(ctx.deps.db, ctx.scope, input)),

  /** Knowledge growth per engagement and per category over the window. */
  knowledgeGrowth: requirePermission('analytics:read')
    .input(ZAnalyticsRangeInput)
    .output(z.object({ ...ZWindow, byEngagement: ZGrowth, byCategory: ZGrowth }))
    .query(({ ctx, input }) => getKnowledgeGrowth(ctx.deps.db, ctx.scope, input)),

  /**
   * Entries created, searches and questions per member. Admins only: it is about people, so it needs
   * the same scope as the audit log.
   */
  memberActivity: requirePermission('audit:read')
    .input(ZAnalyticsRangeInput)
    .output(
      z.object({
        ...ZWindow,
        members: z.array(
          z.object({
            userId: z.string(),
            name: z.string(),
            email: z.string(),
            role: z.enum(['owner', 'admin', 'member', 'viewer']),
            entriesCreated: z.number(),
            searches: z.number(),
            asks: z.number(),
            total: z.number(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => getMemberActivity(ctx.deps.db, ctx.scope, input)),
});
