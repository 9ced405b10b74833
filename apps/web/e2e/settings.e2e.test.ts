/**
 * Settings end to end, in real Chromium against the real app: `startApp` runs the launcher
 * (`scripts/start.ts`, embedded defaults) on a free port with a throwaway database seeded with the demo
 * organization (owner Olivia, viewer Tom), building the web app first if its sources changed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, signIn, startApp } from './app-server';

const OWNER = 'Olivia Chen';
const VIEWER = 'Tom Becker';
const API_KEY = /^csk_[a-z0-9]{12}_[A-Za-z0-9]{32}$/;

describe('settings (end to end)', () => {
  let app: AppServer | null = null;
  let browser: Browser | null = null;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signedIn(name: string): Promise<{ context: BrowserContext; page: Page }> {
    if (!browser || !app) throw new Error('not started');
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, name);
    return { context, page };
  }

  /** A tRPC mutation sent from the page, with the browser's own session cookie. */
  function mutate(page: Page, procedure: string, input: unknown) {
    return page.evaluate(
      async ([name, json]) => {
        const res = await fetch(`/api/trpc/${name}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ json }),
        });
        return { status: res.status, body: await res.text() };
      },
      [procedure, input] as const,
    );
  }

  it('shows an owner a new API key exactly once', async () => {
    const { context, page } = await signedIn(OWNER);
    await gotoReady(page, '/settings/api-keys');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('e2e export');
    await dialog.getByRole('checkbox', { name: 'ai:use' }).click();
    await dialog.getByRole('button', { name: 'Create key' }).click();

    const secret = await dialog.getByTestId('created-key-value').inputValue();
    expect(secret).toMatch(API_KEY);
    await expect.poll(() => dialog.getByText('This is the only time it is shown').count()).toBe(1);

    // The key works: it authenticates an API call on its own, without the browser session.
    const res = await fetch(`${app?.url}/api/trpc/orgs.current`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(200);

    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const row = page.getByTestId('api-key-row').filter({ hasText: 'e2e export' });
    await expect.poll(() => row.count()).toBe(1);
    const prefix = secret.split('_')[1] ?? '';
    expect(await row.textContent()).toContain(`csk_${prefix}_`);
    expect(await page.content()).not.toContain(secret);

    // Not after a reload either, nor in anything the list endpoint returns.
    await page.reload();
    await expect.poll(() => page.getByTestId('api-key-row').count()).toBeGreaterThan(0);
    expect(await page.content()).not.toContain(secret);
    const list = await page.evaluate(async () => (await fetch('/api/trpc/apiKeys.list')).text());
    expect(list).toContain(prefix);
    expect(list).not.toContain(secret);
    await context.close();
  });

  it('shows a viewer no invite, role or key controls', async () => {
    const { context, page } = await signedIn(VIEWER);
    await gotoReady(page, '/settings/members');
    await expect.poll(() => page.getByTestId('member-row').count()).toBe(4);
    expect(await page.getByRole('button', { name: 'Send invite' }).count()).toBe(0);
    expect(await page.getByLabel('Email').count()).toBe(0);
    expect(await page.locator('select[aria-label^="Role of"]').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await page.getByTestId('invitations-table').count()).toBe(0);

    const nav = page.getByRole('navigation', { name: 'Settings' });
    expect(await nav.getByRole('link', { name: 'API keys' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Budgets' }).count()).toBe(0);

    // Typing the address directly shows what is missing, not the controls.
    await gotoReady(page, '/settings/api-keys');
    await expect.poll(() => page.getByTestId('no-access').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Create API key' }).count()).toBe(0);
    expect(await page.getByText('keys:manage').count()).toBeGreaterThan(0);
    await context.close();
  });

  it('refuses a viewer’s mutation on the server whatever the UI shows', async () => {
    const viewer = await signedIn(VIEWER);
    const invite = await mutate(viewer.page, 'invitations.create', { email: 'sneaky@northwind.example' });
    expect(invite.status).toBe(403);
    expect(invite.body).toContain('Missing permission: members:manage');

    const key = await mutate(viewer.page, 'apiKeys.create', { name: 'sneaky', scopes: ['knowledge:read'] });
    expect(key.status).toBe(403);
    expect(key.body).toContain('Missing permission: keys:manage');
    await viewer.context.close();

    // And nothing was created: the owner sees neither.
    const owner = await signedIn(OWNER);
    await gotoReady(owner.page, '/settings/members');
    await expect.poll(() => owner.page.getByTestId('member-row').count()).toBe(4);
    expect(await owner.page.getByText('sneaky@northwind.example').count()).toBe(0);
    await gotoReady(owner.page, '/settings/api-keys');
    expect(await owner.page.getByTestId('api-key-row').filter({ hasText: 'sneaky' }).count()).toBe(0);
    await owner.context.close();
  });
});
