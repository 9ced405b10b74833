import { z } from 'zod';
import {
  createFeed,
  deleteFeed,
  listFeeds,
  refreshFeed,
  setFeedActive,
  updateFeed,
  ZCreateFeedInput,
  ZFeedId,
  ZUpdateFeedInput,
} from '../../services/news';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZFeed = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  engagementId: z.string().nullable(),
  engagementName: z.string().nullable(),
  intervalMinutes: z.number(),
  status: z.enum(['active', 'paused']),
  lastFetchedAt: z.date().nullable(),
  lastSuccessAt: z.date().nullable(),
  lastError: z.string().nullable(),
  consecutiveFailures: z.number(),
  nextFetchAt: z.date().nullable(),
  articleCount: z.number(),
  unreadCount: z.number(),
  createdAt: z.date(),
});
const ZId = z.object({ id: z.string() });
const ZStatus = z.object({ id: z.string(), status: z.enum(['active', 'paused']) });

export const feedsRouter = createTRPCRouter({
  list: requirePermission('knowledge:read')
    .output(z.array(ZFeed))
    .query(({ ctx }) => listFeeds(ctx.deps, ctx.scope)),

  create: requirePermission('feeds:manage')
    .input(ZCreateFeedInput)
    .output(ZId)
    .mutation(({ ctx, input }) => createFeed(ctx.deps, ctx.scope, input)),

  update: requirePermission('feeds:manage')
    .input(ZUpdateFeedInput)
    .output(ZId)
    .mutation(({ ctx, input }) => updateFeed(ctx.deps, ctx.scope, input)),

  pause: requirePermission('feeds:manage')
    .input(ZFeedId)
    .output(ZStatus)
    .mutation(({ ctx, input }) => setFeedActive(ctx.deps, ctx.scope, { id: input.id, active: false })),

  resume: requirePermission('feeds:manage')
    .input(ZFeedId)
    .output(ZStatus)
    .mutation(({ ctx, input }) => setFeedActive(ctx.deps, ctx.scope, { id: input.id, active: true })),

  refresh: requirePermission('feeds:manage')
    .input(ZFeedId)
    .output(z.object({ jobId: z.string() }))
    .mutation(({ ctx, input }) => refreshFeed(ctx.deps, ctx.scope, input)),

  delete: requirePermission('feeds:manage')
    .input(ZFeedId)
    .output(ZId)
    .mutation(({ ctx, input }) => deleteFeed(ctx.deps, ctx.scope, input)),
});
