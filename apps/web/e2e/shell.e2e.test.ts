import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, signIn, startApp } from './app-server';

/** A fresh context signed in as a demo user (the owner unless named), landed on Home. */
async function signedInPage(
  browser: Browser,
  baseURL: string,
  width = 1280,
  name = 'Olivia Chen',
): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signIn(page, baseURL, name);
  return page;
}

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

  it('captures a note from Home with Ctrl+Enter and shows it in Recent at once', async () => {
    // Phone width: the capture box, the side panels and the header search must all fit.
    const page = await signedInPage(browser, app.url, 375);
    const title = `Quick note ${Date.now()}`;
    await page.getByLabel('Quick capture').fill(`${title}\nThe client prefers Friday status calls.`);
    await page.getByLabel('Quick capture').press('Control+Enter');
    await page.getByText('Note captured').first().waitFor();
    await page.getByTestId('recent-knowledge').getByText(title).waitFor();
    expect(await page.getByLabel('Quick capture').inputValue()).toBe('');
    await page.getByTestId('home-news').waitFor();
    await page.getByTestId('home-spend').waitFor();
    await page.getByTestId('home-jobs').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The header's search button opens the command palette.
    await page.getByTestId('open-palette').click();
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor();
    await page.context().close();
  });

  it('shows search analytics on Analytics, with a table view of searches per day', async () => {
    const page = await signedInPage(browser, app.url);
    // One search, so there is something to count.
    await gotoReady(page, '/search?q=kickoff');
    await page.getByText('Contoso kickoff: goals and success metrics').first().waitFor();
    await gotoReady(page, '/analytics');
    const section = page.getByTestId('search-analytics');
    await section.getByRole('heading', { name: 'Search' }).waitFor();
    await section.getByTestId('top-queries').getByText('kickoff', { exact: true }).waitFor();
    const byDay = section.getByTestId('searches-by-day');
    await byDay.getByRole('button', { name: 'Table' }).click();
    const today = new Date().toISOString().slice(0, 10);
    await byDay.getByRole('cell', { name: today }).waitFor();
    // Knowledge growth and, for the owner, per-member activity each offer a table too.
    await page.getByTestId('knowledge-growth').getByRole('button', { name: 'Table' }).click();
    await page.getByTestId('knowledge-growth').getByRole('columnheader', { name: 'Engagement' }).waitFor();
    await page.getByTestId('member-activity').getByRole('button', { name: 'Table' }).click();
    await page
      .getByTestId('member-activity')
      .getByRole('cell', { name: /Olivia Chen/ })
      .waitFor();
    await page.context().close();
  });

  it('shows a viewer no quick capture or spend, and a member no per-person activity', async () => {
    const viewer = await signedInPage(browser, app.url, 1280, 'Tom Becker');
    await viewer.getByTestId('home-news').waitFor();
    expect(await viewer.getByTestId('quick-capture').count()).toBe(0);
    expect(await viewer.getByTestId('home-spend').count()).toBe(0);
    await viewer.context().close();

    const member = await signedInPage(browser, app.url, 1280, 'Priya Nair');
    await member.getByTestId('quick-capture').waitFor();
    await gotoReady(member, '/analytics');
    await member.getByTestId('search-analytics').waitFor();
    await member.getByTestId('knowledge-growth').waitFor();
    expect(await member.getByTestId('member-activity').count()).toBe(0);
    await member.context().close();
  });

  it('asks the question in ?q= on the Ask page', async () => {
    const page = await signedInPage(browser, app.url);
    const question = 'What are the goals of the Contoso kickoff?';
    await gotoReady(page, `/ask?q=${encodeURIComponent(question)}`);
    await page.getByTestId('question').getByText(question).waitFor();
    // Once asked, the URL names the conversation, so a reload does not ask again.
    await page.waitForURL(/\/ask\?c=/);
    await page.context().close();
  });

  it('refuses API calls without a session', async () => {
    const res = await fetch(`${app.url}/api/trpc/knowledge.list?input=${encodeURIComponent('{"json":{}}')}`);
    expect(res.status).toBe(401);
  });
});
