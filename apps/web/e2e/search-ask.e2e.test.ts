/**
 * Search and Ask end to end, in real Chromium against the real app on its embedded defaults (PGlite,
 * in-process job runner, the offline local AI provider, which answers extractively with citations):
 * create an entry → it appears in search as you type → ask a question → the streamed answer cites
 * it and the citation opens the entry.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, startApp, waitHydrated } from './app-server';

const OWNER = 'Olivia Chen';
const VIEWER = 'Tom Becker';
// Wording no seeded entry uses, so the only match is the entry this test creates.
const TITLE = 'Zephyrine cold-chain audit';
const BODY = [
  '# Findings',
  'At the Zephyrine distribution centre the pallet temperature loggers drifted by four degrees during night shifts.',
  '',
  '# Recommendation',
  'Recalibrate every Zephyrine temperature logger once a fortnight and log each calibration.',
].join('\n');

type TrpcResult<T> = { status: number; data: T | null; body: string };

describe('search and ask (end to end)', () => {
  let app: AppServer | null = null;
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  let page: Page;
  let entryId = '';

  async function signedIn(name: string): Promise<{ context: BrowserContext; page: Page }> {
    if (!browser || !app) throw new Error('not started');
    const ctx = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    await gotoReady(p, '/sign-in');
    await p.getByRole('button', { name: `Sign in as ${name}` }).click();
    await p.waitForURL(`${app.url}/`);
    return { context: ctx, page: p };
  }

  /** A tRPC call from the page, with the browser's own session cookie. */
  function call<T>(
    p: Page,
    procedure: string,
    input: unknown,
    method: 'GET' | 'POST',
  ): Promise<TrpcResult<T>> {
    return p.evaluate(
      async ([name, json, verb]) => {
        const payload = JSON.stringify({ json });
        const res =
          verb === 'GET'
            ? await fetch(`/api/trpc/${name}?input=${encodeURIComponent(payload)}`)
            : await fetch(`/api/trpc/${name}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: payload,
              });
        const body = await res.text();
        let data: unknown = null;
        try {
          data = (JSON.parse(body) as { result?: { data?: { json?: unknown } } }).result?.data?.json ?? null;
        } catch {
          // not JSON: leave data null, the body is in the assertion message
        }
        return { status: res.status, data, body };
      },
      [procedure, input, method] as const,
    ) as Promise<TrpcResult<T>>;
  }

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
    ({ context, page } = await signedIn(OWNER));
    const created = await call<{ id: string }>(
      page,
      'knowledge.create',
      { title: TITLE, body: BODY, type: 'insight', tags: ['cold-chain'] },
      'POST',
    );
    expect(created.status, created.body).toBe(200);
    entryId = created.data?.id ?? '';
    // Indexing is the `ingest-entry` job of the in-process runner: wait until search sees the entry.
    // (vi.waitFor: expect.poll is only allowed inside a test.)
    await vi.waitFor(
      async () => {
        const res = await call<{ items: { id: string }[] }>(
          page,
          'search.query',
          { query: 'zephyrine', mode: 'lexical' },
          'GET',
        );
        if (!res.data?.items.some((i) => i.id === entryId))
          throw new Error(`not searchable yet: ${res.body}`);
      },
      { timeout: 60_000, interval: 500 },
    );
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  it('finds the entry as you type, highlights the words, and opens it from the result', async () => {
    await gotoReady(page, '/search');
    const box = page.getByLabel('Search knowledge');
    // Typed key by key: the results follow the typing, no Enter needed.
    await box.pressSequentially('zephyrine logger', { delay: 40 });
    // Searches fired on the way (a prefix such as "zephyrine l") may show the entry first; read it once
    // the results on screen are those of the whole query.
    const settled = page.locator('[data-results-for="zephyrine logger"]');
    await settled.waitFor({ timeout: 15_000 });
    const result = settled.getByTestId('search-result').filter({ hasText: TITLE });
    await expect.poll(() => result.count(), { timeout: 15_000 }).toBe(1);
    // The passage shown is the entry's best chunk for the query, which may hold one of the two words
    // or both: every highlight is a typed word, and there is at least one.
    const marks = (await result.locator('mark').allTextContents()).map((m) => m.toLowerCase());
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark).toMatch(/^(zephyrine|loggers?)$/);
    // The search is in the address bar, so it can be shared.
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('zephyrine logger');

    // A shared link restores the search; a type filter that excludes the entry leaves it out (meaning-based
    // neighbours of other types may remain), and a date range with nothing in it shows the empty state.
    await gotoReady(page, '/search?q=zephyrine&type=meeting');
    await expect.poll(() => page.getByTestId('search-summary').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('search-result').filter({ hasText: TITLE }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Type: Meeting/ }).count()).toBe(1);
    await gotoReady(page, '/search?q=zephyrine&from=2099-01-01');
    await expect
      .poll(() => page.getByTestId('search-empty').textContent(), { timeout: 15_000 })
      .toContain('No results for “zephyrine”');
    await gotoReady(page, '/search?q=zephyrine&type=insight');
    await expect
      .poll(() => page.getByTestId('search-result').filter({ hasText: TITLE }).count(), { timeout: 15_000 })
      .toBe(1);

    const clickRecorded = page.waitForResponse((r) => r.url().includes('search.click'));
    await page.getByRole('link', { name: TITLE }).click();
    expect((await clickRecorded).status()).toBe(200);
    await page.waitForURL(`**/knowledge/${entryId}`);
  });

  it('keeps the words typed before the page hydrated', async () => {
    if (!context) throw new Error('not started');
    // Hold the page's scripts back, type into the server-rendered box, then let React hydrate: the
    // early letters must survive hydration and drive the search like any other typing.
    const early = await context.newPage();
    let release = () => {};
    const scriptsHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    const isScript = (url: URL) => url.pathname.startsWith('/_next/static/') && url.pathname.endsWith('.js');
    await early.route(isScript, async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    try {
      // Only the server-rendered document: 'load' would wait for the held scripts.
      await early.goto('/search', { waitUntil: 'commit' });
      const box = early.getByLabel('Search knowledge');
      await box.waitFor();
      await box.pressSequentially('zephyrine', { delay: 20 });
      expect(await early.locator('html[data-hydrated="true"]').count()).toBe(0);
      release();
      await waitHydrated(early);
      await expect
        .poll(() => early.getByTestId('search-result').filter({ hasText: TITLE }).count(), {
          timeout: 15_000,
        })
        .toBe(1);
      expect(await box.inputValue()).toBe('zephyrine');
      // More typing after hydration extends the early letters instead of replacing them.
      await box.pressSequentially(' logger', { delay: 20 });
      await expect.poll(() => new URL(early.url()).searchParams.get('q')).toBe('zephyrine logger');
    } finally {
      release();
      await early.close();
    }
  });

  it('streams a cited answer whose citation opens the entry, then handles follow-ups and feedback', async () => {
    await gotoReady(page, '/ask');
    const streamed = page.waitForRequest((r) => r.url().includes('ask.send'));
    await page
      .getByLabel('Ask a question')
      .fill('How often should the Zephyrine temperature loggers be recalibrated?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    // The browser reads the answer as a stream (httpBatchStreamLink asks for JSON lines).
    expect((await streamed).headers()['trpc-accept']).toBe('application/jsonl');

    const answer = page.locator('[data-testid="answer"][data-status="complete"]').first();
    await answer.waitFor({ timeout: 30_000 });
    expect(await answer.getByTestId('answer-text').textContent()).toContain('fortnight');
    const meta = (await answer.getByTestId('answer-meta').textContent()) ?? '';
    expect(meta).toMatch(/\$\d/); // cost
    expect(meta).toMatch(/\d+(\.\d)? (ms|s)/); // latency
    // The conversation is stored and named in the address bar and the list.
    await expect.poll(() => new URL(page.url()).searchParams.get('c')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByTestId('conversation-item').count()).toBe(1);

    // The citation card shows the cited passage and links to the entry.
    // (Both sections of the entry are separate passages, so it may be cited more than once.)
    const card = answer.getByTestId('citation-card').filter({ hasText: TITLE }).first();
    expect(await card.textContent()).toMatch(
      /Recalibrate every Zephyrine temperature logger|loggers drifted/,
    );
    const marker = answer.getByRole('link', { name: new RegExp(`^Source \\d+: ${TITLE}$`) }).first();
    expect(await marker.getAttribute('href')).toBe(`/knowledge/${entryId}`);

    // Feedback: a thumbs down asks for a comment; both survive a reload.
    await answer.getByRole('button', { name: 'Not helpful' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Comment').fill('Should mention who calibrates.');
    await dialog.getByRole('button', { name: 'Save comment' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await page.reload();
    await waitHydrated(page);
    const stored = page.locator('[data-testid="answer"][data-status="complete"]').first();
    await expect
      .poll(() => stored.getByRole('button', { name: 'Not helpful' }).getAttribute('aria-pressed'))
      .toBe('true');
    expect(await stored.getByRole('button', { name: 'Edit feedback comment' }).count()).toBe(1);

    // A follow-up in the same conversation is answered from the same entry.
    await page.getByLabel('Ask a follow-up question').fill('What drifted during night shifts at Zephyrine?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.getByTestId('question').count()).toBe(2);
    const complete = page.locator('[data-testid="answer"][data-status="complete"]');
    await expect.poll(() => complete.count(), { timeout: 30_000 }).toBe(2);
    expect(await complete.nth(1).getByTestId('answer-text').textContent()).toContain('four degrees');
    expect(await page.getByTestId('conversation-item').count()).toBe(1);

    // Regenerate the latest answer: it is replaced, not added.
    const regenerated = page.waitForResponse((r) => r.url().includes('ask.regenerate'));
    await page.getByRole('button', { name: 'Regenerate' }).click();
    expect((await regenerated).status()).toBe(200);
    await expect.poll(() => page.locator('[data-testid="answer"][aria-busy="true"]').count()).toBe(0);
    await expect.poll(() => complete.count(), { timeout: 30_000 }).toBe(2);
    expect(await page.getByTestId('question').count()).toBe(2);

    // The citation opens the entry.
    await page.locator('[data-testid="answer"]').first().getByTestId('citation-card').first().click();
    await page.waitForURL(`**/knowledge/${entryId}`);
  });

  it('renames and deletes a conversation', async () => {
    await gotoReady(page, '/ask');
    await page.getByTestId('conversation-item').first().click();
    await expect.poll(() => page.getByTestId('conversation-title').count()).toBe(1);
    await page.getByRole('button', { name: 'Rename' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill('Logger calibration');
    await dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('conversation-title').textContent()).toBe('Logger calibration');
    await expect
      .poll(() => page.getByTestId('conversation-item').first().textContent())
      .toContain('Logger calibration');

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => page.getByTestId('conversation-item').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('c')).toBeNull();
  });

  it('says plainly when nothing relevant is found', async () => {
    await gotoReady(page, '/ask');
    await page.getByLabel('Ask a question').fill('Who won the 1998 football world cup?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect.poll(() => page.getByTestId('no-answer').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByTestId('no-answer').textContent()).toContain('Nothing relevant found');
    expect(await page.getByTestId('citation-card').count()).toBe(0);
  });

  it('refuses hostile input with a 4xx and tells a viewer Ask needs ai:use', async () => {
    const empty = await call(page, 'ask.send', { question: '   ' }, 'POST');
    expect(empty.status).toBe(400);
    expect(empty.body).toContain('Question is required');
    const badCursor = await call(page, 'search.query', { query: 'x', cursor: 'DROP TABLE' }, 'GET');
    expect(badCursor.status).toBe(400);
    // A hostile URL is cleaned on the page instead of breaking it: markup stays text, bad filters are dropped.
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await gotoReady(
      page,
      `/search?q=${encodeURIComponent('<script>alert(1)</script>')}&tag=nope&from=2024-13-45`,
    );
    expect(await page.getByLabel('Search knowledge').inputValue()).toBe('<script>alert(1)</script>');
    await expect
      .poll(() => new URL(page.url()).search, { timeout: 10_000 })
      .toBe(`?${new URLSearchParams({ q: '<script>alert(1)</script>' })}`);
    await expect
      .poll(
        async () =>
          (await page.getByTestId('search-result').count()) +
          (await page.getByTestId('search-empty').count()),
        {
          timeout: 15_000,
        },
      )
      .toBeGreaterThan(0);
    expect(dialogs).toBe(0);

    const viewer = await signedIn(VIEWER);
    await gotoReady(viewer.page, '/ask');
    await expect.poll(() => viewer.page.getByTestId('no-access').count()).toBe(1);
    expect(await viewer.page.getByText('ai:use').count()).toBeGreaterThan(0);
    const refused = await call(viewer.page, 'ask.send', { question: 'anything' }, 'POST');
    expect(refused.status).toBe(403);
    // A viewer can still search.
    await gotoReady(viewer.page, '/search?q=zephyrine');
    await expect
      .poll(() => viewer.page.getByTestId('search-result').filter({ hasText: TITLE }).count())
      .toBe(1);
    await viewer.context.close();
  });
});
