/**
 * Accessibility of the main pages, in real Chromium against the real app on its embedded defaults:
 * axe-core finds no serious or critical violation on any of them, in light and in dark mode, and the
 * keyboard reaches the main navigation with a visible focus indicator.
 */
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, signIn, startApp } from './app-server';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

type AxeNode = { target: unknown[]; html: string; failureSummary?: string };
type AxeViolation = { id: string; impact: string | null; help: string; nodes: AxeNode[] };

/** The pages a consultant uses every day, plus every settings page an owner can open. */
const PAGES = [
  '/',
  '/knowledge',
  '/knowledge/new',
  'ENTRY',
  '/search?q=contoso',
  '/ask',
  '/engagements',
  '/insights',
  '/news',
  '/analytics',
  '/settings',
  '/settings/organization',
  '/settings/members',
  '/settings/roles',
  '/settings/ai',
  '/settings/budgets',
  '/settings/api-keys',
  '/settings/jobs',
  '/settings/audit',
];

/** Runs axe on the current page and keeps the violations that block or seriously hinder someone. */
async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected as a global script, untyped in the page.
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

function describeViolations(url: string, theme: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${theme} ${url}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`)
          .join('\n')}`,
    )
    .join('\n');
}

describe('accessibility (axe-core, keyboard)', () => {
  let app: AppServer;
  let browser: Browser;
  let context: BrowserContext;
  let entryPath = '';

  beforeAll(async () => {
    // A cold build on this shared machine can outlast the default hook timeout.
    app = await startApp({}, { timeoutMs: 900_000 });
    browser = await launchBrowser();
    context = await browser.newContext({ baseURL: app.url, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, app.url, 'Olivia Chen');
    await gotoReady(page, '/knowledge');
    const href = await page
      .locator('main a[href^="/knowledge/"]:not([href="/knowledge/new"]):not([href="/knowledge/trash"])')
      .first()
      .getAttribute('href');
    entryPath = href ?? '';
    await page.close();
  }, 960_000);
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await app?.stop();
  });

  for (const theme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violations on the main pages in ${theme} mode`, async () => {
      expect(entryPath).toMatch(/^\/knowledge\/[0-9a-f-]{36}$/);
      const page = await context.newPage();
      // The head script reads the stored choice before first paint, so every page renders in this theme.
      await page.addInitScript((t) => window.localStorage.setItem('consailt-theme', t), theme);
      const report: string[] = [];
      for (const target of PAGES) {
        const url = target === 'ENTRY' ? entryPath : target;
        await gotoReady(page, url);
        // Let client-side queries (and any client redirect) settle so axe sees the loaded page.
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        expect(page.url(), 'the page stayed where it was opened').toContain(url.split('?')[0]);
        expect(await page.evaluate(() => document.documentElement.classList.contains('dark'))).toBe(
          theme === 'dark',
        );
        const violations = await seriousViolations(page);
        if (violations.length > 0) report.push(describeViolations(url, theme, violations));
      }
      await page.close();
      expect(report.join('\n')).toBe('');
    }, 240_000);
  }

  it('reaches the main navigation by keyboard, with a visible focus ring', async () => {
    const page = await context.newPage();
    await gotoReady(page, '/knowledge');
    let reached: { inNav: boolean; outline: string; boxShadow: string; text: string } | null = null;
    for (let i = 0; i < 15 && !reached?.inNav; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return null;
        const style = getComputedStyle(el);
        return {
          inNav: Boolean(el.closest('nav[aria-label="Main"]')),
          outline: style.outlineStyle === 'none' ? '' : `${style.outlineStyle} ${style.outlineWidth}`,
          boxShadow: style.boxShadow === 'none' ? '' : style.boxShadow,
          text: el.textContent?.trim() ?? '',
        };
      });
    }
    expect(reached?.inNav).toBe(true);
    expect(reached?.text).toBe('Home');
    // A ring drawn either as an outline or as a box-shadow counts as visible.
    expect(`${reached?.outline}${reached?.boxShadow}`).not.toBe('');
    await page.close();
  });
});
