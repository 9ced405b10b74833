/**
 * News end to end, in real Chromium against the real app (embedded mode: PGlite and the in-process
 * job runner). A local HTTP server started here serves an RSS feed; the app's feed fetcher refuses
 * loopback addresses unless allowed, so the test opens exactly 127.0.0.1 with the same setting
 * production uses for such exceptions (FEED_FETCH_ALLOW_PRIVATE_CIDRS).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, signIn, startApp } from './app-server';

const OWNER = 'Olivia Chen';
const VIEWER = 'Tom Becker';
const FEED_TITLE = 'E2E Retail Wire';
const SAVED = 'Contoso Retail doubles down on inventory automation';
const OTHER = 'Quarterly outlook for regional grocers';
/** Server round trips on a busy machine: expect.poll's default second is too short. */
const WAIT = { timeout: 20_000 };

const RSS = `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Retail Wire</title><link>https://wire.example.test/</link>
<item><title>${SAVED}</title><guid>wire-1</guid><link>https://wire.example.test/1</link>
<pubDate>Mon, 01 Jun 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Contoso Retail announced a supply chain program that automates inventory counts in its
logistics centers. The retail group expects fewer stock-outs and lower carrying costs next year.&lt;/p&gt;</description></item>
<item><title>${OTHER}</title><guid>wire-2</guid><link>https://wire.example.test/2</link>
<pubDate>Tue, 02 Jun 2026 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Regional grocers expect steady demand and rising wages in the next quarter.&lt;/p&gt;</description></item>
</channel></rss>`;

describe('news (end to end)', () => {
  let app: AppServer | null = null;
  let browser: Browser | null = null;
  let feedServer: Server | null = null;
  let feedUrl = '';
  let requests = 0;

  beforeAll(async () => {
    feedServer = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(RSS);
    });
    await new Promise<void>((r) => feedServer?.listen(0, '127.0.0.1', r));
    feedUrl = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/feed.xml`;
    app = await startApp({ FEED_FETCH_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    feedServer?.close();
  });

  async function signedIn(name: string): Promise<{ context: BrowserContext; page: Page }> {
    if (!browser || !app) throw new Error('not started');
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, name);
    return { context, page };
  }

  it('adds a feed, refreshes it, and saves and reads its articles', async () => {
    const { context, page } = await signedIn(OWNER);
    await gotoReady(page, '/news/feeds');
    await page.getByRole('button', { name: 'Add feed' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Feed URL').fill(feedUrl);
    await dialog.getByLabel('Title').fill(FEED_TITLE);
    await dialog.getByLabel('Engagement').selectOption({ label: 'Supply Chain Modernization' });
    await dialog.getByRole('button', { name: 'Add feed' }).click();
    await expect.poll(() => page.getByRole('dialog').count(), WAIT).toBe(0);
    const row = page.getByTestId('feed-row').filter({ hasText: FEED_TITLE });
    await expect.poll(() => row.count(), WAIT).toBe(1);

    // Refresh now: the poll's progress is shown until it finishes, then the health says it fetched.
    await row.getByRole('button', { name: `Refresh ${FEED_TITLE} now` }).click();
    await expect
      .poll(() => row.getByTestId('feed-health').textContent(), { timeout: 30_000 })
      .toMatch(/Last success\w{3} \d/);
    expect(await row.getByTestId('feed-health').textContent()).toContain('2 (2 unread)');
    expect(requests).toBeGreaterThan(0);

    // The articles, with the summary written by the enrichment job and the relevance explained.
    await gotoReady(page, '/news');
    const saved = page.getByTestId('article').filter({ hasText: SAVED });
    const other = page.getByTestId('article').filter({ hasText: OTHER });
    await expect.poll(() => saved.count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => saved.getByTestId('article-summary').count(), { timeout: 60_000 }).toBe(1);
    expect((await saved.getByTestId('article-summary').textContent())?.length).toBeGreaterThan(20);
    expect(await saved.getByTestId('article-source').textContent()).toBe(FEED_TITLE);
    expect(await saved.textContent()).toContain('Jun 1, 2026');
    const relevance = saved.getByTestId('relevance').filter({ hasText: 'Supply Chain Modernization' });
    expect(await relevance.count()).toBe(1);
    await relevance.locator('summary').click();
    expect(await relevance.textContent()).toContain('Mentions the client by name');
    expect(await relevance.textContent()).toMatch(/keywords found: .*inventory/);

    // Save to knowledge: an entry is created and linked.
    await saved.getByRole('button', { name: 'Save to knowledge' }).click();
    const link = saved.getByTestId('saved-entry-link');
    await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^\/knowledge\/[0-9a-f-]{36}$/);
    const entry = await page.evaluate(async (id) => {
      const input = encodeURIComponent(JSON.stringify({ json: { id } }));
      const res = await fetch(`/api/trpc/knowledge.byId?input=${input}`);
      return { status: res.status, body: await res.text() };
    }, href.split('/').pop());
    expect(entry.status).toBe(200);
    expect(entry.body).toContain(SAVED);

    // Mark the other one read; the unread filter then hides both (saving marked the first read).
    expect(await other.getAttribute('data-read')).toBe('false');
    await other.getByRole('button', { name: 'Mark read' }).click();
    await expect.poll(() => other.getAttribute('data-read'), WAIT).toBe('true');
    await page.getByLabel('Unread only').click();
    await expect.poll(() => page.getByTestId('article').count(), WAIT).toBe(0);
    await page.getByLabel('Unread only').click();
    await page.getByLabel('Saved to knowledge').click();
    await expect.poll(() => page.getByTestId('article').count(), WAIT).toBe(1);
    expect(await page.getByTestId('article').textContent()).toContain(SAVED);

    // Settings → Jobs shows the organization's queues.
    await gotoReady(page, '/settings/jobs');
    await expect.poll(() => page.getByTestId('queue-row').count(), WAIT).toBe(6);
    expect(await page.locator('[data-queue="rss-poll"]').textContent()).toContain('Feed poll');
    await context.close();
  });

  it('shows a viewer the feeds and articles but no feed management, and the server refuses it', async () => {
    const { context, page } = await signedIn(VIEWER);
    await gotoReady(page, '/news/feeds');
    const row = page.getByTestId('feed-row').filter({ hasText: FEED_TITLE });
    await expect.poll(() => row.count(), WAIT).toBe(1);
    expect(await row.getByTestId('feed-health').count()).toBe(1);
    for (const name of [
      'Add feed',
      `Refresh ${FEED_TITLE} now`,
      `Pause ${FEED_TITLE}`,
      `Delete ${FEED_TITLE}`,
    ]) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    await gotoReady(page, '/news');
    await expect.poll(() => page.getByTestId('article').count(), WAIT).toBe(2);
    expect(await page.getByRole('button', { name: 'Save to knowledge' }).count()).toBe(0);

    const create = await page.evaluate(async (url) => {
      const res = await fetch('/api/trpc/feeds.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { url } }),
      });
      return { status: res.status, body: await res.text() };
    }, feedUrl);
    expect(create.status).toBe(403);
    expect(create.body).toContain('Missing permission: feeds:manage');
    await context.close();
  });
});
