/**
 * The morning path, in real Chromium against the real app on its embedded defaults (demo
 * organization, offline local model): sign in, quick-capture a note on Home, find it again from
 * the command palette, run a risk assessment on an engagement, and see that run counted, with its
 * cost, on Analytics.
 */
import type { Browser } from 'playwright-core';
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
const TITLE = 'Fabrikam procurement takeaway';
const BODY =
  'Fabrikam wants the vendor shortlist by Friday; legal review of the framework contract is the bottleneck.';

describe('the morning path (end to end)', () => {
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

  it('captures a note, finds it from the palette, runs a risk assessment and sees it on Analytics', async () => {
    if (!browser || !app) throw new Error('not started');
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();

    await signIn(page, app.url, OWNER);

    // Quick capture: the first line is the title; Ctrl+Enter saves; the note shows up in Recent.
    const capture = page.getByLabel('Quick capture');
    await capture.fill(`${TITLE}\n${BODY}`);
    await capture.press('Control+Enter');
    await expect.poll(() => page.getByText('Note captured').count()).toBeGreaterThan(0);
    const recent = page.getByTestId('recent-knowledge');
    await expect.poll(() => recent.getByText(TITLE).count()).toBe(1);
    expect(await capture.inputValue()).toBe('');

    // The palette searches entries as you type (once the note is indexed) and opens the one picked.
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    const found = palette.getByRole('option', { name: new RegExp(TITLE) });
    await expect
      .poll(
        async () => {
          if (!(await palette.isVisible())) {
            await page.keyboard.press('Control+k');
            await palette.waitFor();
          }
          await palette.getByRole('combobox').fill('');
          await palette.getByRole('combobox').fill('Fabrikam vendor shortlist');
          await page.waitForTimeout(500);
          return found.count();
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBeGreaterThan(0);
    await found.first().click();
    await page.waitForURL(/\/knowledge\/[0-9a-f-]{36}$/);
    await waitHydrated(page);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(TITLE);
    expect(await page.textContent('main')).toContain('legal review of the framework contract');

    // A risk assessment of an engagement streams to completion with its model and cost.
    await gotoReady(page, '/insights');
    const { run } = await runRiskAssessment(page, ENGAGEMENT);
    const meta = run.getByTestId('answer-meta');
    const cost = await meta.getByTitle('Cost').textContent();
    expect(cost).toMatch(/^\$\d+\.\d+$/);

    // Analytics counts the run under its task, with the same cost.
    await gotoReady(page, '/analytics');
    const byTask = page.getByTestId('by-task');
    const row = byTask.locator('tbody tr').filter({ hasText: 'Risk assessment' });
    expect(await row.count()).toBe(1);
    const cells = await row.locator('td').allTextContents();
    expect(Number(cells[1]?.replace(/,/g, ''))).toBeGreaterThanOrEqual(1);
    expect(cells.join(' ')).toContain(cost ?? '');
    await context.close();
  });
});
