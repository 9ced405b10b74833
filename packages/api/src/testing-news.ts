import { newsArticles, newsFeeds, sha256 } from '@consailt/db';
import type { Runtime } from './runtime';

/**
 * A feed, an article and a finished job of one organization, for tests that must prove another
 * organization can neither see nor touch them (the isolation harness).
 */
export async function createNewsResources(runtime: Runtime, opts: { orgId: string; entryId: string }) {
  const db = runtime.database.db;
  const { orgId, entryId } = opts;
  const [feed] = await db
    .insert(newsFeeds)
    .values({ orgId, url: `https://news.example.test/${entryId}.xml`, title: 'B feed', status: 'paused' })
    .returning({ id: newsFeeds.id });
  if (!feed) throw new Error('feed insert failed');
  const [article] = await db
    .insert(newsArticles)
    .values({
      orgId,
      feedId: feed.id,
      guid: `b-${entryId}`,
      title: 'B article about lessons learned',
      content: 'Lessons learned from the discovery workshop.',
      dedupeHash: sha256(entryId),
      publishedAt: new Date(),
      enrichedAt: new Date(),
    })
    .returning({ id: newsArticles.id });
  if (!article) throw new Error('article insert failed');
  const { id: jobId } = await runtime.queue.enqueue('entry-stats', { orgId, entryId });
  await (runtime.queue as unknown as { drain(): Promise<void> }).drain();
  return { feedId: feed.id, articleId: article.id, jobId };
}
export type NewsResources = Awaited<ReturnType<typeof createNewsResources>>;
