import { type Executor, engagements, newsArticles, newsFeeds } from '@consailt/db';
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { FeedFetchError, parseFeedUrl } from './fetch-feed';
import { scheduleFeedPolls, unscheduleFeedPolls } from './schedule';

const ZFeedUrl = z
  .string()
  .trim()
  .max(2000, 'URL is at most 2,000 characters')
  .transform((raw, ctx) => {
    try {
      return parseFeedUrl(raw).toString();
    } catch (error) {
      ctx.addIssue({
        code: 'custom',
        message: error instanceof FeedFetchError ? error.message : 'Invalid URL',
      });
      return z.NEVER;
    }
  });
const ZInterval = z.number().int().min(5, 'Poll at most every 5 minutes').max(10_080, 'Poll at least weekly');

export const ZCreateFeedInput = z.object({
  url: ZFeedUrl,
  title: z.string().trim().max(300).optional(),
  intervalMinutes: ZInterval.default(60),
  engagementId: z.uuid().nullish(),
});
export const ZUpdateFeedInput = z.object({
  id: z.uuid(),
  title: z.string().trim().min(1).max(300).optional(),
  intervalMinutes: ZInterval.optional(),
  engagementId: z.uuid().nullish(),
});
export const ZFeedId = z.object({ id: z.uuid() });
export type CreateFeedInput = z.infer<typeof ZCreateFeedInput>;
export type UpdateFeedInput = z.infer<typeof ZUpdateFeedInput>;

async function assertEngagement(db: Executor, orgId: string, engagementId: string) {
  const [row] = await db
    .select({ id: engagements.id })
    .from(engagements)
    .where(
      and(eq(engagements.id, engagementId), eq(engagements.orgId, orgId), isNull(engagements.deletedAt)),
    );
  if (!row) throw new NotFoundError('Engagement', engagementId);
}

async function loadFeed(db: Executor, orgId: string, id: string) {
  const [feed] = await db
    .select()
    .from(newsFeeds)
    .where(and(eq(newsFeeds.id, id), eq(newsFeeds.orgId, orgId)));
  if (!feed) throw new NotFoundError('Feed', id);
  return feed;
}

/** Add a feed and start polling it (the first poll runs right after commit). */
export async function createFeed(deps: Deps, scope: OrgScope, input: CreateFeedInput) {
  if (input.engagementId) await assertEngagement(deps.db, scope.orgId, input.engagementId);
  const [feed] = await deps.db
    .insert(newsFeeds)
    .values({
      orgId: scope.orgId,
      url: input.url,
      title: input.title || new URL(input.url).hostname,
      intervalMinutes: input.intervalMinutes,
      engagementId: input.engagementId ?? null,
      createdBy: actorUserId(scope.actor),
      nextFetchAt: new Date(),
    })
    .onConflictDoNothing()
    .returning();
  if (!feed) throw new ConflictError('This feed has already been added');
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'feed.created',
    targetType: 'feed',
    targetId: feed.id,
    metadata: { url: feed.url, intervalMinutes: feed.intervalMinutes },
    request: scope.request,
  });
  await scheduleFeedPolls(deps.queue, feed);
  return { id: feed.id };
}

export async function updateFeed(deps: Deps, scope: OrgScope, input: UpdateFeedInput) {
  const feed = await loadFeed(deps.db, scope.orgId, input.id);
  if (input.engagementId) await assertEngagement(deps.db, scope.orgId, input.engagementId);
  const [updated] = await deps.db
    .update(newsFeeds)
    .set({
      title: input.title ?? feed.title,
      intervalMinutes: input.intervalMinutes ?? feed.intervalMinutes,
      engagementId: input.engagementId === undefined ? feed.engagementId : input.engagementId,
    })
    .where(and(eq(newsFeeds.id, feed.id), eq(newsFeeds.orgId, scope.orgId)))
    .returning();
  if (!updated) throw new NotFoundError('Feed', input.id);
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'feed.updated',
    targetType: 'feed',
    targetId: feed.id,
    metadata: { title: updated.title, intervalMinutes: updated.intervalMinutes },
    request: scope.request,
  });
  if (updated.status === 'active' && updated.intervalMinutes !== feed.intervalMinutes)
    await scheduleFeedPolls(deps.queue, updated);
  return { id: feed.id };
}

/** Pause (stop polling) or resume (reset the failure count and poll at once). */
export async function setFeedActive(deps: Deps, scope: OrgScope, input: { id: string; active: boolean }) {
  const feed = await loadFeed(deps.db, scope.orgId, input.id);
  const [updated] = await deps.db
    .update(newsFeeds)
    .set(
      input.active
        ? { status: 'active', consecutiveFailures: 0, nextFetchAt: new Date() }
        : { status: 'paused', nextFetchAt: null },
    )
    .where(and(eq(newsFeeds.id, feed.id), eq(newsFeeds.orgId, scope.orgId)))
    .returning();
  if (!updated) throw new NotFoundError('Feed', input.id);
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: input.active ? 'feed.resumed' : 'feed.paused',
    targetType: 'feed',
    targetId: feed.id,
    request: scope.request,
  });
  if (input.active) await scheduleFeedPolls(deps.queue, updated);
  else await unscheduleFeedPolls(deps.queue, feed.id);
  return { id: feed.id, status: updated.status };
}

/** Delete a feed with its articles (and so their search chunks). */
export async function deleteFeed(deps: Deps, scope: OrgScope, input: { id: string }) {
  const feed = await loadFeed(deps.db, scope.orgId, input.id);
  await deps.db.delete(newsFeeds).where(and(eq(newsFeeds.id, feed.id), eq(newsFeeds.orgId, scope.orgId)));
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'feed.deleted',
    targetType: 'feed',
    targetId: feed.id,
    metadata: { url: feed.url },
    request: scope.request,
  });
  await unscheduleFeedPolls(deps.queue, feed.id);
  return { id: feed.id };
}

/** Feeds with their health, oldest first. */
export async function listFeeds(deps: Pick<Deps, 'db'>, scope: OrgScope) {
  const counts = deps.db
    .select({
      feedId: newsArticles.feedId,
      total: sql<number>`count(*)::int`.as('total'),
      unread: sql<number>`(count(*) filter (where ${newsArticles.readAt} is null))::int`.as('unread'),
    })
    .from(newsArticles)
    .where(eq(newsArticles.orgId, scope.orgId))
    .groupBy(newsArticles.feedId)
    .as('counts');
  const rows = await deps.db
    .select({
      feed: newsFeeds,
      engagementName: engagements.name,
      articleCount: sql<number>`coalesce(${counts.total}, 0)::int`,
      unreadCount: sql<number>`coalesce(${counts.unread}, 0)::int`,
    })
    .from(newsFeeds)
    .leftJoin(engagements, eq(engagements.id, newsFeeds.engagementId))
    .leftJoin(counts, eq(counts.feedId, newsFeeds.id))
    .where(eq(newsFeeds.orgId, scope.orgId))
    .orderBy(asc(newsFeeds.createdAt), asc(newsFeeds.id));
  return rows.map(({ feed, engagementName, articleCount, unreadCount }) => ({
    id: feed.id,
    url: feed.url,
    title: feed.title,
    engagementId: feed.engagementId,
    engagementName: engagementName ?? null,
    intervalMinutes: feed.intervalMinutes,
    status: feed.status,
    lastFetchedAt: feed.lastFetchedAt,
    lastSuccessAt: feed.lastSuccessAt,
    lastError: feed.lastError,
    consecutiveFailures: feed.consecutiveFailures,
    nextFetchAt: feed.nextFetchAt,
    articleCount,
    unreadCount,
    createdAt: feed.createdAt,
  }));
}

/** Poll a feed now, even while it is backing off (the job runs after commit). */
export async function refreshFeed(deps: Deps, scope: OrgScope, input: { id: string }) {
  const feed = await loadFeed(deps.db, scope.orgId, input.id);
  const minute = Math.floor(Date.now() / 60_000);
  // One manual refresh per feed and minute: repeated clicks do not pile up polls.
  const { id } = await deps.queue.enqueue(
    'rss-poll',
    { orgId: scope.orgId, feedId: feed.id, force: true },
    { jobId: `refresh-${feed.id}-${minute}` },
  );
  return { jobId: id };
}
