/**
 * Insights, the command palette and the security headers, in real Chromium against the real app
 * (embedded mode, demo organization, offline local model): an owner opens the palette with Ctrl+K,
 * jumps to Insights, runs a risk assessment of a seeded engagement and watches it stream with its
 * model, cost and citations, then finds it in the history. Every response carries the security
 * headers, and no page breaks its own Content Security Policy.
 */
import type { Browser, ConsoleMessage } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AppServer,
  gotoReady,
  launchBrowser,
  runRiskAssessment,
  signIn,
  startApp,
  waitHydrated,
} from './app-server';

const OWNER = 'Olivia Chen';
const ENGAGEMENT = 'Cloud Migration Assessment';
const REQUIRED_HEADERS = [
  'content-security-policy',
  'x-content-type-options',
  'referrer-policy',
  'x-frame-options',
  'permissions-policy',
  'strict-transport-security',
];

describe('insights, command palette and security headers (end to end)', () => {
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

  it('sends the security headers on pages, redirects, API routes and static files', async () => {
    if (!app) throw new Error('not started');
    const signIn = await fetch(`${app.url}/sign-in`);
    expect(signIn.status).toBe(200);
    const html = await signIn.text();
    const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
    expect(asset).toBeTruthy();
    const responses = [
      signIn,
      // Signed out, app pages redirect to sign-in: the redirect carries the headers too.
      await fetch(`${app.url}/insights`, { redirect: 'manual' }),
      await fetch(`${app.url}/does-not-exist`, { redirect: 'manual' }),
      await fetch(`${app.url}/api/health`),
      await fetch(`${app.url}${asset}`),
    ];
    for (const res of responses) {
      for (const name of REQUIRED_HEADERS) expect(res.headers.get(name), `${res.url} ${name}`).toBeTruthy();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-powered-by')).toBeNull();
    }
  });

  it('opens Insights from the command palette and streams a cited risk assessment that lands in the history', async () => {
    if (!browser || !app) throw new Error('not started');
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const violations: string[] = [];
    const onConsole = (message: ConsoleMessage) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    };
    page.on('console', onConsole);

    await signIn(page, app.url, OWNER);

    // Ctrl+K opens the palette; typing filters pages; Enter jumps.
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await palette.waitFor();
    await palette.getByRole('combobox').fill('insights');
    await expect.poll(() => palette.getByRole('option', { name: 'Insights', exact: true }).count()).toBe(1);
    await palette.getByRole('option', { name: 'Insights', exact: true }).click();
    await page.waitForURL(`${app.url}/insights`);
    await waitHydrated(page);
    expect(await page.getByRole('dialog').count()).toBe(0);

    // Escape closes it again, and Ctrl+K reopens it anywhere.
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    const { run, engagementId } = await runRiskAssessment(page, ENGAGEMENT);
    expect(await run.textContent()).toContain(`Risk assessment: ${ENGAGEMENT}`);
    const meta = (await run.getByTestId('answer-meta').textContent()) ?? '';
    expect(meta).toContain('local.extractive-v1');
    expect(meta).toContain('$0.00');
    expect(await run.getByTestId('citation-card').count()).toBeGreaterThan(0);
    const firstCitation = await run
      .getByTestId('citation-card')
      .first()
      .getByRole('link')
      .getAttribute('href');
    expect(firstCitation).toMatch(/^\/knowledge\/[0-9a-f-]{36}$/);
    const saved = await run.getByRole('link', { name: 'Open saved insight' }).getAttribute('href');
    expect(saved).toMatch(/^\/knowledge\/[0-9a-f-]{36}$/);
    const insightId = saved?.split('/').at(-1) ?? '';

    // The history lists it; after a reload the saved insight opens from the URL with its citations.
    const history = page.getByTestId('insight-history');
    await expect.poll(() => history.getByText(`Risk assessment: ${ENGAGEMENT}`).count()).toBeGreaterThan(0);
    await expect.poll(() => page.url()).toContain(`id=${insightId}`);
    await gotoReady(page, `/insights?engagement=${engagementId}&id=${insightId}`);
    const detail = page.getByTestId('insight-detail');
    await detail.waitFor();
    expect(await detail.getByTestId('citation-card').count()).toBeGreaterThan(0);
    expect(await detail.getByTestId('answer-meta').textContent()).toContain('local.extractive-v1');

    // Other pages render under the same policy without violations.
    for (const path of ['/', '/knowledge', '/search', '/settings/organization']) await gotoReady(page, path);
    expect(violations).toEqual([]);
    await context.close();
  });
});
