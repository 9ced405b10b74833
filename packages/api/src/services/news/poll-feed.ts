import { newsArticles, newsFeeds, withOrgContext } from '@consailt/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { JobProgress } from '../../queue/contract';
import { recordAudit } from '../audit/record-audit';
import type { Deps } from '../types';
import type { FeedFetchConfig } from './config';
import { decodeFeedBody } from './decode';
import { type FetchResult, fetchFeed, type Resolver } from './fetch-feed';
import { parseFeedDocument } from './parse-feed';
import { unscheduleFeedPolls } from './schedule';

export type PollResult =
  | { status: 'skipped'; reason: 'missing' | 'paused' | 'not-due' }
  | { status: 'not-modified' }
  | { status: 'fetched'; items: number; inserted: number }
  | { status: 'failed'; error: string; failures: number; paused: boolean };

export type PollOptions = {
  config: FeedFetchConfig;
  /** Poll even if the feed is backing off (manual refresh). */
  force?: boolean;
  resolve?: Resolver;
  signal?: AbortSignal;
  onProgress?: (p: JobProgress) => Promise<void>;
};

const DAY_MS = 24 * 3600_000;

/** Backoff after `failures` consecutive failures: the interval doubled each time, at most a day. */
export function failureBackoffMs(intervalMinutes: number, failures: number): number {
  return Math.min(intervalMinutes * 60_000 * 2 ** Math.max(0, failures - 1), DAY_MS);
}

type Feed = typeof newsFeeds.$inferSelect;

async function recordFailure(deps: Pick<Deps, 'db' | 'queue'>, feed: Feed, error: string, opts: PollOptions) {
  const now = new Date();
  const failures = feed.consecutiveFailures + 1;
  const pause = failures >= opts.config.maxConsecutiveFailures;
  await withOrgContext(deps.db, feed.orgId, async (tx) => {
    await tx
      .update(newsFeeds)
      .set({
        lastFetchedAt: now,
        lastError: error.slice(0, 1000),
        consecutiveFailures: sql`${newsFeeds.consecutiveFailures} + 1`,
        nextFetchAt: pause
          ? null
          : new Date(now.getTime() + failureBackoffMs(feed.intervalMinutes, failures)),
        ...(pause ? { status: 'paused' as const } : {}),
      })
      .where(and(eq(newsFeeds.id, feed.id), eq(newsFeeds.orgId, feed.orgId)));
    if (pause) {
      await recordAudit(tx, {
        orgId: feed.orgId,
        actor: { kind: 'system' },
        action: 'feed.auto_paused',
        targetType: 'feed',
        targetId: feed.id,
        metadata: { failures, lastError: error.slice(0, 300) },
      });
    }
  });
  if (pause) await unscheduleFeedPolls(deps.queue, feed.id);
  return { status: 'failed' as const, error, failures, paused: pause };
}

/**
 * Poll one feed: conditional fetch, decode, parse, insert new articles (duplicates are skipped by
 * the per-feed unique indexes, so overlapping or repeated polls never duplicate), queue their
 * enrichment, and record the feed's health. A failing feed backs off exponentially and is paused
 * after `maxConsecutiveFailures`; failures are recorded on the feed, never thrown, so the queue
 * does not retry on top of the feed's own backoff.
 */
export async function pollFeed(
  deps: Pick<Deps, 'db' | 'queue'>,
  input: { orgId: string; feedId: string },
  opts: PollOptions,
): Promise<PollResult> {
  const progress = opts.onProgress ?? (async () => {});
  const [feed] = await withOrgContext(deps.db, input.orgId, (tx) =>
    tx
      .select()
      .from(newsFeeds)
      .where(and(eq(newsFeeds.id, input.feedId), eq(newsFeeds.orgId, input.orgId))),
  );
  if (!feed) return { status: 'skipped', reason: 'missing' };
  if (feed.status !== 'active') return { status: 'skipped', reason: 'paused' };
  // Scheduler ticks are aligned to the interval, not to the last fetch: half an interval of slack
  // keeps a healthy feed on every tick while a backing-off feed skips ticks cheaply.
  const slack = (feed.intervalMinutes * 60_000) / 2;
  if (!opts.force && feed.nextFetchAt && feed.nextFetchAt.getTime() > Date.now() + slack) {
    return { status: 'skipped', reason: 'not-due' };
  }

  const startedAt = new Date();
  await progress({ percent: 10, stage: 'fetching' });
  let fetched: FetchResult;
  let parsed: ReturnType<typeof parseFeedDocument> | null = null;
  try {
    fetched = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.lastModified }, opts.config, {
      resolve: opts.resolve,
      signal: opts.signal,
    });
    if (fetched.kind === 'ok') {
      await progress({ percent: 40, stage: 'parsing' });
      parsed = parseFeedDocument(decodeFeedBody(fetched.body, fetched.contentType).text, fetched.url);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return recordFailure(deps, feed, message, opts);
  }

  await progress({ percent: 70, stage: 'storing' });
  const healthy = {
    lastFetchedAt: startedAt,
    lastSuccessAt: startedAt,
    lastError: null,
    consecutiveFailures: 0,
    nextFetchAt: new Date(startedAt.getTime() + feed.intervalMinutes * 60_000),
  };
  const thisFeed = and(eq(newsFeeds.id, feed.id), eq(newsFeeds.orgId, feed.orgId));
  const result = await withOrgContext(deps.db, feed.orgId, async (tx) => {
    if (!parsed || fetched.kind !== 'ok') {
      await tx.update(newsFeeds).set(healthy).where(thisFeed);
      return { inserted: [] as string[], pending: [] as string[] };
    }
    const rows = parsed.articles.map((a) => ({
      orgId: feed.orgId,
      feedId: feed.id,
      guid: a.guid,
      link: a.link,
      title: a.title,
      author: a.author,
      content: a.content,
      dedupeHash: a.dedupeHash,
      publishedAt: a.publishedAt ?? startedAt,
      firstSeenAt: startedAt,
    }));
    const inserted: string[] = [];
    for (let i = 0; i < rows.length; i += 100) {
      const batch = await tx
        .insert(newsArticles)
        .values(rows.slice(i, i + 100))
        .onConflictDoNothing()
        .returning({ id: newsArticles.id });
      inserted.push(...batch.map((r) => r.id));
    }
    await tx
      .update(newsFeeds)
      .set({ ...healthy, etag: fetched.etag, lastModified: fetched.lastModified })
      .where(thisFeed);
    // Articles whose enrichment never ran (a crash between insert and enqueue) get another chance.
    const pending = await tx
      .select({ id: newsArticles.id })
      .from(newsArticles)
      .where(
        and(
          eq(newsArticles.orgId, feed.orgId),
          eq(newsArticles.feedId, feed.id),
          isNull(newsArticles.enrichedAt),
        ),
      )
      .limit(500);
    return { inserted, pending: pending.map((p) => p.id) };
  });
  // The job id makes re-enqueueing the same article a no-op while its job exists.
  const toEnrich = new Set([...result.inserted, ...result.pending]);
  for (const articleId of toEnrich) {
    await deps.queue.enqueue(
      'news-enrich',
      { orgId: feed.orgId, articleId },
      { jobId: `enrich-${articleId}` },
    );
  }
  await progress({ percent: 100, stage: 'done' });
  if (!parsed) return { status: 'not-modified' };
  return { status: 'fetched', items: parsed.articles.length, inserted: result.inserted.length };
}
