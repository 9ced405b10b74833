import { auditLog, chunks, newsArticles, newsFeeds, tags } from '@consailt/db';
import { createEngagement, createMember, createOrg } from '@consailt/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetApiEnvForTests } from '../../env';
import type { Runtime } from '../../runtime';
import { feedFetchConfig } from '../../services/news/config';
import { pollFeed } from '../../services/news/poll-feed';
import { type FeedServer, fixture, startFeedServer } from '../../services/news/test-server';
import { callerAs, createTestRuntime } from '../../testing';

// Processors read the fetch policy from the environment: allow the loopback test server only.
process.env.FEED_FETCH_ALLOW_PRIVATE_CIDRS = '127.0.0.1/32';
process.env.FEED_MAX_CONSECUTIVE_FAILURES = '3';
process.env.FEED_FETCH_TIMEOUT_MS = '2000';
resetApiEnvForTests();

const drain = (runtime: Runtime) => (runtime.queue as unknown as { drain(): Promise<void> }).drain();

describe('feeds and news (in-process queue, local feed server)', () => {
  let runtime: Runtime;
  let server: FeedServer;
  let orgId: string;
  let admin: string;
  let viewer: string;
  let engagementId: string;

  beforeAll(async () => {
    server = await startFeedServer();
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    orgId = (await createOrg(db)).id;
    admin = (await createMember(db, { orgId, role: 'admin' })).user.id;
    viewer = (await createMember(db, { orgId, role: 'viewer' })).user.id;
    engagementId = (
      await createEngagement(db, {
        orgId,
        name: 'App server migration',
        clientName: 'Red Hat',
        keywords: ['WildFly'],
      })
    ).id;
    await db.insert(tags).values({ orgId, name: 'Java' });
  });
  afterAll(async () => {
    await runtime?.close();
    await server?.close();
  });

  it('adds a feed, polls it at once, and lists enriched articles with relevance', async () => {
    const api = await callerAs(runtime, admin, orgId);
    const { id } = await api.feeds.create({ url: server.url('/heise.atom'), title: 'heise', engagementId });
    await drain(runtime);
    const [feed] = await api.feeds.list();
    expect(feed).toMatchObject({ id, status: 'active', articleCount: 15, unreadCount: 15, lastError: null });
    expect(feed?.lastSuccessAt).toBeInstanceOf(Date);
    expect(feed?.nextFetchAt?.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);

    const { items } = await api.news.list({ feedId: id, limit: 50 });
    expect(items).toHaveLength(15);
    const wildfly = items.find((a) => a.title.includes('WildFly 10'));
    expect(wildfly).toMatchObject({ feedTitle: 'heise', enriched: true, enrichError: null });
    expect(wildfly?.summary?.length).toBeGreaterThan(0);
    expect(wildfly?.relevance[0]).toMatchObject({
      engagementId,
      explanation: { clientNameMatch: true, keywordMatches: ['WildFly'], feedEngagement: true },
    });
    expect(wildfly?.suggestedTags).toEqual(expect.arrayContaining(['Java', 'WildFly']));
    const audit = await runtime.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.targetId, id)));
    expect(audit.map((a) => a.action)).toContain('feed.created');

    // Searchable with source `news`.
    const found = await api.search.query({ query: 'WildFly', mode: 'lexical', filters: { source: 'news' } });
    expect(found.items.some((i) => i.kind === 'article' && i.id === wildfly?.id)).toBe(true);
  });

  it('re-polls conditionally: a 304 costs nothing and adds nothing', async () => {
    const api = await callerAs(runtime, admin, orgId);
    const [feed] = await api.feeds.list();
    if (!feed) throw new Error('no feed');
    await api.feeds.refresh({ id: feed.id });
    await drain(runtime);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe('"heise-1"');
    const [after] = await api.feeds.list();
    expect(after?.articleCount).toBe(15);
    expect(after?.lastFetchedAt?.getTime()).toBeGreaterThan(feed.lastFetchedAt?.getTime() ?? 0);
  });

  it('deduplicates by guid, then link, then content hash, even across concurrent polls', async () => {
    const item = (inner: string) => `<item>${inner}<description>same text</description></item>`;
    server.set('/dedupe.rss', {
      body: `<rss version="2.0"><channel><title>d</title>
        ${item('<title>A</title><guid>g1</guid><link>https://x.test/shared</link>')}
        ${item('<title>B</title><guid>g2</guid><link>https://x.test/shared</link>')}
        ${item('<title>C</title><link>https://x.test/c</link>')}
        ${item('<title>C again</title><link>https://x.test/c</link>')}
        ${item('<title>D</title>')}
        ${item('<title>D</title>')}
      </channel></rss>`,
    });
    const api = await callerAs(runtime, admin, orgId);
    const { id } = await api.feeds.create({ url: server.url('/dedupe.rss') });
    const config = feedFetchConfig();
    await Promise.all(
      [1, 2, 3].map(() => pollFeed(runtime.deps, { orgId, feedId: id }, { config, force: true })),
    );
    await drain(runtime);
    const rows = await runtime.database.db
      .select({ title: newsArticles.title })
      .from(newsArticles)
      .where(eq(newsArticles.feedId, id));
    // Distinct guids sharing a link are kept; same link without guid and same text are one each.
    expect(rows.map((r) => r.title).sort()).toEqual(['A', 'B', 'C', 'D']);
  });

  it('backs off on failures, then pauses the feed with an audit event and its error shown', async () => {
    const api = await callerAs(runtime, admin, orgId);
    const { id } = await api.feeds.create({ url: server.url('/500'), intervalMinutes: 30 });
    await drain(runtime);
    let [feed] = (await api.feeds.list()).filter((f) => f.id === id);
    expect(feed).toMatchObject({
      consecutiveFailures: 1,
      status: 'active',
      lastError: 'HTTP 500 Internal Server Error',
    });
    expect(feed?.nextFetchAt?.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
    // A tick while backing off is skipped without a request.
    const before = server.requests.length;
    expect(await pollFeed(runtime.deps, { orgId, feedId: id }, { config: feedFetchConfig() })).toMatchObject({
      status: 'skipped',
      reason: 'not-due',
    });
    expect(server.requests.length).toBe(before);
    await api.feeds.refresh({ id });
    await drain(runtime);
    [feed] = (await api.feeds.list()).filter((f) => f.id === id);
    expect(feed?.nextFetchAt?.getTime()).toBeGreaterThan(Date.now() + 55 * 60_000);
    await pollFeed(runtime.deps, { orgId, feedId: id }, { config: feedFetchConfig(), force: true });
    [feed] = (await api.feeds.list()).filter((f) => f.id === id);
    expect(feed).toMatchObject({ status: 'paused', consecutiveFailures: 3, nextFetchAt: null });
    const audit = await runtime.database.db
      .select({ action: auditLog.action, actorType: auditLog.actorType })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.targetId, id)));
    expect(audit).toContainEqual({ action: 'feed.auto_paused', actorType: 'system' });
    // Resuming resets the count and polls again.
    await api.feeds.resume({ id });
    await drain(runtime);
    [feed] = (await api.feeds.list()).filter((f) => f.id === id);
    expect(feed).toMatchObject({ status: 'active', consecutiveFailures: 1 });
  });

  it('records an HTML page or broken XML as an error on the feed, not a crash', async () => {
    server.set('/truncated.atom', { body: fixture('heise.atom').subarray(0, 9000) });
    const api = await callerAs(runtime, admin, orgId);
    const html = await api.feeds.create({ url: server.url('/html') });
    const broken = await api.feeds.create({ url: server.url('/truncated.atom') });
    await drain(runtime);
    const feeds = await api.feeds.list();
    expect(feeds.find((f) => f.id === html.id)?.lastError).toBe('The URL returned an HTML page, not a feed');
    expect(feeds.find((f) => f.id === broken.id)?.lastError).toMatch(/^Not a valid RSS or Atom feed/);
  });

  it('marks read, saves to knowledge (indexed, source news) once, pauses and deletes', async () => {
    const api = await callerAs(runtime, admin, orgId);
    const [feed] = await api.feeds.list();
    if (!feed) throw new Error('no feed');
    const { items } = await api.news.list({ feedId: feed.id, limit: 2 });
    const [first, second] = items;
    if (!first || !second) throw new Error('no articles');
    await api.news.markRead({ ids: [first.id] });
    const unread = await api.news.list({ feedId: feed.id, unread: true, limit: 50 });
    expect(unread.items.map((a) => a.id)).not.toContain(first.id);
    const page2 = await api.news.list({
      feedId: feed.id,
      limit: 2,
      cursor: (await api.news.list({ feedId: feed.id, limit: 1 })).nextCursor,
    });
    expect(page2.items[0]?.id).toBe(second.id);

    const saved = await api.news.saveToKnowledge({ id: second.id });
    expect(saved.created).toBe(true);
    expect(await api.news.saveToKnowledge({ id: second.id })).toEqual({
      entryId: saved.entryId,
      created: false,
    });
    await drain(runtime);
    const entry = await api.knowledge.byId({ id: saved.entryId });
    expect(entry).toMatchObject({ source: 'news', type: 'news', title: second.title });
    expect((await api.news.list({ saved: true, limit: 50 })).items.map((a) => a.id)).toEqual([second.id]);
    const byEngagement = await api.news.list({ engagementId, limit: 50 });
    expect(byEngagement.items.length).toBe(15);

    expect(await api.feeds.pause({ id: feed.id })).toEqual({ id: feed.id, status: 'paused' });
    expect(await runtime.queue.removeSchedule('rss-poll', `feed-${feed.id}`)).toBe(false);
    await api.feeds.delete({ id: feed.id });
    expect(await api.feeds.list()).not.toContainEqual(expect.objectContaining({ id: feed.id }));
    const left = await runtime.database.db
      .select({ id: chunks.id })
      .from(chunks)
      .where(eq(chunks.articleId, first.id));
    expect(left).toEqual([]);
    const gone = await runtime.database.db.select().from(newsFeeds).where(eq(newsFeeds.id, feed.id));
    expect(gone).toEqual([]);
  });

  it('lets a viewer read but not manage feeds, and validates URLs', async () => {
    const api = await callerAs(runtime, viewer, orgId);
    expect(Array.isArray(await api.feeds.list())).toBe(true);
    await expect(api.feeds.create({ url: server.url('/heise.atom') })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Missing permission: feeds:manage',
    });
    const adminApi = await callerAs(runtime, admin, orgId);
    await expect(adminApi.feeds.create({ url: 'ftp://example.test/feed' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(adminApi.feeds.create({ url: server.url('/gzip.rss') })).resolves.toBeDefined();
    await expect(adminApi.feeds.create({ url: server.url('/gzip.rss') })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });
});
