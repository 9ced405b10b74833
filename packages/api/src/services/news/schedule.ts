import { type Database, newsFeeds } from '@consailt/db';
import { eq } from 'drizzle-orm';
import type { QueueBackend } from '../../queue/contract';

/** One BullMQ job scheduler per feed; no `:` in the id (BullMQ builds job ids `repeat:<id>:<ms>`). */
export const feedScheduleId = (feedId: string) => `feed-${feedId}`;

export function scheduleFeedPolls(
  queue: QueueBackend,
  feed: { id: string; orgId: string; intervalMinutes: number },
): Promise<void> {
  return queue.upsertSchedule({
    queue: 'rss-poll',
    id: feedScheduleId(feed.id),
    everyMs: feed.intervalMinutes * 60_000,
    payload: { orgId: feed.orgId, feedId: feed.id },
  });
}

export async function unscheduleFeedPolls(queue: QueueBackend, feedId: string): Promise<void> {
  await queue.removeSchedule('rss-poll', feedScheduleId(feedId));
}

/**
 * Re-create the schedules of every active feed. The in-process runner keeps schedules in memory,
 * so the embedded mode calls this at boot; BullMQ keeps them in Redis. Reads across organizations
 * by design (it runs as the process, not for a caller) and returns only ids to the queue.
 */
export async function syncFeedSchedules(deps: { db: Database; queue: QueueBackend }): Promise<number> {
  const feeds = await deps.db
    .select({ id: newsFeeds.id, orgId: newsFeeds.orgId, intervalMinutes: newsFeeds.intervalMinutes })
    .from(newsFeeds)
    .where(eq(newsFeeds.status, 'active'));
  for (const feed of feeds) await scheduleFeedPolls(deps.queue, feed);
  return feeds.length;
}
