/**
 * Layouts on a laptop (1280×800) and a phone (375×812), in real Chromium against the real app: the
 * main pages never scroll sideways and no visible element sticks out past the viewport's right edge,
 * except inside a container that scrolls or clips horizontally on purpose (a wide table in its card).
 * A full-page screenshot of each is written to a temporary directory for a human to look at.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, signIn, startApp } from './app-server';

const VIEWPORTS = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 375, height: 812 },
] as const;

const PAGES = [
  { name: 'home', url: '/' },
  { name: 'knowledge', url: '/knowledge' },
  { name: 'search', url: '/search?q=contoso' },
  { name: 'ask', url: '/ask' },
  { name: 'analytics', url: '/analytics' },
];

type Overflow = { scrollWidth: number; innerWidth: number; offenders: string[] };

/** Measures the page: document width, and visible elements extending past the viewport edges. */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    // An ancestor that scrolls or clips horizontally keeps its content from widening the page.
    const clippedByAncestor = (el: Element): boolean => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ox = getComputedStyle(p).overflowX;
        if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
      }
      return false;
    };
    const offenders: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      // One pixel of sub-pixel rounding is not overflow.
      if (rect.right <= innerWidth + 1 && rect.left >= -1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      if (clippedByAncestor(el)) continue;
      const id = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${String(
        el.getAttribute('class') ?? '',
      )
        .split(/\s+/)
        .slice(0, 4)
        .join('.')}`;
      offenders.push(`${id} [${Math.round(rect.left)}..${Math.round(rect.right)}]`);
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, offenders };
  });
}

describe('responsive layouts (no horizontal overflow)', () => {
  let app: AppServer;
  let browser: Browser;
  const shotDir = mkdtempSync(path.join(tmpdir(), 'consailt-screens-'));
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    // A cold build on this shared machine can outlast the default hook timeout.
    app = await startApp({}, { timeoutMs: 900_000 });
    browser = await launchBrowser();
  }, 960_000);
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await app?.stop();
  });

  for (const viewport of VIEWPORTS) {
    it(`fits ${viewport.width}×${viewport.height} on Home, Knowledge, Search, Ask and Analytics`, async () => {
      const context = await browser.newContext({
        baseURL: app.url,
        viewport: { width: viewport.width, height: viewport.height },
        isMobile: viewport.name === 'phone',
        hasTouch: viewport.name === 'phone',
      });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, app.url, 'Olivia Chen');

      const problems: string[] = [];
      for (const { name, url } of PAGES) {
        await gotoReady(page, url);
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(shotDir, `${name}-${viewport.width}.png`), fullPage: true });
        const m = await measureOverflow(page);
        if (m.scrollWidth > m.innerWidth)
          problems.push(`${url}: document is ${m.scrollWidth}px wide in a ${m.innerWidth}px viewport`);
        if (m.offenders.length > 0)
          problems.push(
            `${url}: ${m.offenders.length} elements overflow:\n  ${m.offenders.slice(0, 8).join('\n  ')}`,
          );
      }
      // On a phone the sidebar is replaced by a menu button that opens the navigation.
      if (viewport.name === 'phone') {
        expect(await page.locator('aside nav[aria-label="Main"]').isVisible()).toBe(false);
        await page.getByRole('button', { name: 'Open navigation' }).click();
        await page.locator('#mobile-nav nav[aria-label="Main"]').waitFor();
      }
      expect(problems.join('\n'), `screenshots in ${shotDir}`).toBe('');
    }, 180_000);
  }
});
