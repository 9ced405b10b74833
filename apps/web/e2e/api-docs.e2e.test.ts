/**
 * The API surfaces through the real Next.js server (route handlers bundled by Next) and the
 * Settings → API & MCP page in real Chromium: base URL, a copyable SDK snippet, and a key created
 * in the app that then works on REST and MCP.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, signIn, startApp } from './app-server';

describe('API docs page, REST and MCP (end to end)', () => {
  let app: AppServer | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    // Rate limiting is off by default under NODE_ENV=test (which the app inherits from Vitest).
    app = await startApp({ RATE_LIMIT_ENABLED: 'true' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('documents the API, copies the SDK snippet, and a key made in the app works on REST and MCP', async () => {
    if (!browser || !app) throw new Error('not started');
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    const page = await context.newPage();
    await signIn(page, app.url, 'Olivia Chen');

    await gotoReady(page, '/settings/api');
    await expect(page.getByTestId('api-base-url').textContent()).resolves.toBe(app.url);
    await expect(page.getByRole('link', { name: 'Settings → API keys' }).getAttribute('href')).resolves.toBe(
      '/settings/api-keys',
    );
    await page.getByRole('button', { name: 'Copy SDK snippet' }).click();
    await page.getByRole('button', { name: 'Copy SDK snippet' }).getByText('Copied').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(`baseUrl: '${app.url}'`);
    expect(copied).toContain('createConsailtClient');

    // A key created with the browser's session, as the API keys page does.
    const created = await page.evaluate(async () => {
      const res = await fetch('/api/trpc/apiKeys.create', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ json: { name: 'e2e api docs', scopes: ['knowledge:read'] } }),
      });
      return (await res.json()) as { result: { data: { json: { key: string } } } };
    });
    const key = created.result.data.json.key;
    await context.close();

    const doc = await fetch(`${app.url}/api/v1/openapi.json`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { servers: { url: string }[] }).servers[0]?.url).toBe(`${app.url}/api/v1`);

    const list = await fetch(`${app.url}/api/v1/engagements`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(list.status).toBe(200);
    expect(list.headers.get('x-ratelimit-limit')).not.toBeNull();
    expect(((await list.json()) as { name: string }[]).length).toBeGreaterThan(0);
    const anonymous = await fetch(`${app.url}/api/v1/engagements`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');

    const mcp = await fetch(`${app.url}/api/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'search_knowledge', arguments: { query: 'onboarding' } },
      }),
    });
    expect(mcp.status).toBe(200);
    const result = (await mcp.json()) as { result: { isError?: boolean; content: { text: string }[] } };
    expect(result.result.isError).toBeFalsy();
    expect(result.result.content[0]?.text).toContain(`${app.url}/knowledge/`);
  });
});
