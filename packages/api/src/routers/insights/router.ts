import { z } from 'zod';
import {
  getInsight,
  INSIGHT_KINDS,
  type InsightEvent,
  listInsights,
  runInsight,
  ZListInsightsInput,
  ZRunInsightInput,
} from '../../services/insights';
import { createTRPCRouter, requirePermission } from '../../trpc';
import { mappedErrors, zEventStream } from '../streaming';

const ZInsightCitation = z.object({
  n: z.number(),
  entryId: z.string(),
  title: z.string(),
  snippet: z.string(),
});

const ZInsightListItem = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(INSIGHT_KINDS).nullable(),
  engagement: z.object({ id: z.string(), name: z.string() }).nullable(),
  modelId: z.string().nullable(),
  costMicroUsd: z.number().nullable(),
  citationCount: z.number(),
  visibility: z.enum(['organization', 'private']),
  createdAt: z.date(),
});

export const insightsRouter = createTRPCRouter({
  // A stream holds no transaction: the service opens short org-scoped ones around its reads and the save.
  run: requirePermission('ai:use', { transaction: false })
    .input(ZRunInsightInput)
    .output(zEventStream<InsightEvent>())
    .mutation(async ({ ctx, input }) => mappedErrors(await runInsight(ctx.deps, ctx.scope, input))),

  list: requirePermission('knowledge:read')
    .input(ZListInsightsInput)
    .output(z.object({ items: z.array(ZInsightListItem), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listInsights(ctx.deps, ctx.scope, input)),

  byId: requirePermission('knowledge:read')
    .input(z.object({ id: z.uuid() }))
    .output(
      ZInsightListItem.extend({
        content: z.string(),
        latencyMs: z.number().nullable(),
        citations: z.array(ZInsightCitation),
      }),
    )
    .query(({ ctx, input }) => getInsight(ctx.deps, ctx.scope, input.id)),
});
