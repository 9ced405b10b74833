import { ENTRY_TYPES } from '@consailt/db';
import { z } from 'zod';
import {
  recordSearchClick,
  SEARCH_MODES,
  searchKnowledge,
  ZRecordClickInput,
  ZSearchInput,
} from '../../services/search';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZSnippet = z.array(z.object({ text: z.string(), highlight: z.boolean() }));

const ZSearchResult = z.object({
  searchId: z.string().nullable(),
  mode: z.enum(SEARCH_MODES),
  items: z.array(
    z.object({
      kind: z.enum(['entry', 'article']),
      id: z.string(),
      rank: z.number(),
      score: z.number(),
      title: z.string(),
      type: z.enum(ENTRY_TYPES),
      engagementName: z.string().nullable(),
      authorName: z.string().nullable(),
      tags: z.array(z.string()),
      date: z.date(),
      chunk: z.object({ id: z.string(), heading: z.string(), headingPath: z.array(z.string()) }),
      snippet: ZSnippet,
      matchedBy: z.array(z.enum(SEARCH_MODES)),
    }),
  ),
  total: z.number(),
  nextCursor: z.string().nullable(),
  latencyMs: z.number(),
  notice: z
    .string()
    .nullable()
    .describe('Set when a hybrid search fell back to keyword matches only, saying why'),
});

export const searchRouter = createTRPCRouter({
  // No enclosing transaction: the query embedding is a model call; the service scopes its queries.
  query: requirePermission('knowledge:read', { transaction: false })
    .meta({
      openapi: {
        method: 'POST',
        path: '/search',
        tags: ['search'],
        summary: 'Hybrid search over knowledge and news',
      },
    })
    .input(ZSearchInput)
    .output(ZSearchResult)
    // The request's signal: a search the browser abandoned (results as you type) stops queuing work.
    .query(async ({ ctx, input, signal }) => {
      const { continued, ...result } = await searchKnowledge(ctx.deps, ctx.scope, input, { signal });
      // Results as you type send a search per pause; the rate limit counts what the user searched
      // for, so a search that continues the previous one (recorded as the same search) is given back.
      if (continued) await ctx.refundRateLimit();
      return result;
    }),

  click: requirePermission('knowledge:read')
    .input(ZRecordClickInput)
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => recordSearchClick(ctx.deps, ctx.scope, input)),
});
