import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, startApp } from './app-server';

describe('embedded start, in a real browser', () => {
  let app: AppServer;
  let browser: Browser;

  beforeAll(async () => {
    app = await startApp();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('reports healthy dependencies on /api/health', async () => {
    const res = await fetch(`${app.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      db: 'ok',
      queue: 'ok',
      mode: { database: 'pglite', queue: 'in-process' },
    });
  });

  it('signs in through the development sign-in and lists the seeded knowledge on Home', async () => {
    const page = await browser.newPage();
    await gotoReady(page, `${app.url}/knowledge`);
    // Not signed in: sent to the sign-in page, which says it is development-only.
    await page.waitForURL(/\/sign-in/);
    await expect(
      page
        .getByText(/Development sign-in/i)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await page.getByRole('button', { name: /Olivia Chen/ }).click();
    // Sign-in returns to the page that asked for it.
    await page.waitForURL(`${app.url}/knowledge`);
    await page.getByText('Contoso kickoff: goals and success metrics').first().waitFor();
    await gotoReady(page, `${app.url}/`);
    await page.getByText('Contoso kickoff: goals and success metrics').first().waitFor();
    expect(await page.getByText('Northwind Advisory').first().isVisible()).toBe(true);
    await page.close();
  });

  it('refuses API calls without a session', async () => {
    const res = await fetch(`${app.url}/api/trpc/knowledge.list?input=${encodeURIComponent('{"json":{}}')}`);
    expect(res.status).toBe(401);
  });
});
