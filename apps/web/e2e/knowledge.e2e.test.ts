/**
 * Knowledge capture end to end, in real Chromium against the real app (`startApp`: embedded defaults,
 * a throwaway database seeded with the demo organization). A member captures an entry through the
 * editor, finds it in the table, edits it, restores an old version, trashes and restores it, tags and
 * moves it with bulk actions; a viewer sees none of the edit actions; an owner creates an engagement.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, gotoReady, launchBrowser, signIn, startApp } from './app-server';

const MEMBER = 'Priya Nair';
const VIEWER = 'Tom Becker';
const OWNER = 'Olivia Chen';
const ENGAGEMENT = 'Supply Chain Modernization';
const OTHER_ENGAGEMENT = 'Cloud Migration Assessment';
const TITLE = 'E2E pricing workshop';
const TAG = 'e2e-pricing';
const ENTRY_URL = /\/knowledge\/([0-9a-f-]{36})$/;

describe('knowledge capture (end to end)', () => {
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
    const context = await browser.newContext({ baseURL: app.url, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await signIn(page, app.url, name);
    return { context, page };
  }

  const entryRow = (page: Page) => page.getByTestId('knowledge-row').filter({ hasText: TITLE });

  it('captures, finds, edits, versions, trashes and restores an entry', async () => {
    const { context, page } = await signedIn(MEMBER);

    // Create through the editor, reached from the Knowledge page.
    await gotoReady(page, '/knowledge');
    await page.getByRole('link', { name: 'New entry' }).click();
    await page.waitForURL(/\/knowledge\/new$/);
    await page.getByRole('button', { name: 'Create entry' }).click();
    await expect.poll(() => page.getByText('Title is required').count()).toBe(1);

    await page.getByLabel('Title', { exact: true }).fill(TITLE);
    await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Meeting' });
    await page.getByLabel('Engagement', { exact: true }).selectOption({ label: ENGAGEMENT });
    const tags = page.getByLabel('Tags', { exact: true });
    await tags.fill(TAG);
    await tags.press('Enter');
    await expect.poll(() => page.getByRole('button', { name: `Remove tag ${TAG}` }).count()).toBe(1);
    await page
      .getByLabel('Body (markdown)')
      .fill('# Decisions\n\n- Raise **prices** by 3%\n\n<script>window.pwned = 1</script>');
    // Live preview, rendered as markdown, without the raw HTML.
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect.poll(() => preview.locator('strong').textContent()).toBe('prices');
    expect(await preview.locator('script').count()).toBe(0);

    await page.getByRole('button', { name: 'Create entry' }).click();
    await page.waitForURL(ENTRY_URL);
    const entryId = ENTRY_URL.exec(page.url())?.[1] ?? '';
    await page.getByRole('heading', { name: TITLE }).waitFor();
    const body = page.getByTestId('markdown');
    expect(await body.locator('strong').textContent()).toBe('prices');
    expect(await body.locator('script').count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
    const details = page.getByTestId('entry-details');
    expect(await details.textContent()).toContain(ENGAGEMENT);
    expect(await details.textContent()).toContain(TAG);

    // In the table, and found by its tag.
    await gotoReady(page, '/knowledge');
    await expect.poll(() => entryRow(page).count()).toBe(1);
    expect(await entryRow(page).textContent()).toContain(ENGAGEMENT);
    await page.getByLabel('Tag', { exact: true }).selectOption({ label: TAG });
    await expect.poll(() => page.getByTestId('knowledge-row').count()).toBe(1);
    expect(page.url()).toContain('tag=');

    // Edit: a new version, then compare and restore the first one.
    await gotoReady(page, `/knowledge/${entryId}`);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.waitForURL(/\/edit$/);
    await page.getByLabel('Body (markdown)').fill('# Decisions\n\n- Raise **prices** by 5%\n');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL(ENTRY_URL);
    await expect.poll(() => body.textContent()).toContain('5%');

    await gotoReady(page, `/knowledge/${entryId}/edit`);
    const versions = page.getByTestId('version-row');
    await expect.poll(() => versions.count()).toBe(2);
    const first = versions.filter({ hasText: 'Version 1' });
    await first.getByRole('button', { name: 'Compare' }).click();
    const diff = page.getByTestId('version-diff');
    await expect
      .poll(() => diff.locator('tr[data-op="delete"]').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('3%')]));
    const inserted = await diff.locator('tr[data-op="insert"]').allTextContents();
    expect(inserted).toEqual([expect.stringContaining('5%')]);
    await first.getByRole('button', { name: 'Restore' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Restore version 1' }).click();
    await expect.poll(() => versions.count()).toBe(3);
    await expect.poll(() => page.getByLabel('Body (markdown)').inputValue()).toContain('3%');

    // Delete: gone from the table, listed in the trash, and back after a restore.
    await gotoReady(page, `/knowledge/${entryId}`);
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Move to trash' }).click();
    await page.waitForURL(/\/knowledge$/);
    await expect.poll(() => page.getByTestId('knowledge-row').count()).toBeGreaterThan(0);
    expect(await entryRow(page).count()).toBe(0);

    await gotoReady(page, '/knowledge/trash');
    const trashed = page.getByTestId('trash-row').filter({ hasText: TITLE });
    await expect.poll(() => trashed.count()).toBe(1);
    // A member restores but cannot purge (knowledge:manage).
    expect(await page.getByRole('button', { name: `Delete ${TITLE} for good` }).count()).toBe(0);
    await page.getByRole('button', { name: `Restore ${TITLE}` }).click();
    await expect.poll(() => trashed.count()).toBe(0);
    await gotoReady(page, `/knowledge/${entryId}`);
    await page.getByRole('heading', { name: TITLE }).waitFor();

    // Bulk actions from the table: tag, then move to another engagement.
    await gotoReady(page, '/knowledge');
    const select = entryRow(page).getByRole('checkbox', { name: `Select ${TITLE}` });
    await select.click();
    const bulk = page.getByTestId('bulk-actions');
    await bulk.getByLabel('Tag to add').fill('bulk-e2e');
    await bulk.getByRole('button', { name: 'Tag', exact: true }).click();
    await expect.poll(() => entryRow(page).textContent()).toContain('bulk-e2e');
    await select.click();
    await bulk.getByLabel('Move to engagement').selectOption({ label: OTHER_ENGAGEMENT });
    await bulk.getByRole('button', { name: 'Move selected entries to the engagement' }).click();
    await expect.poll(() => entryRow(page).textContent()).toContain(OTHER_ENGAGEMENT);
    await context.close();
  });

  it('shows a viewer no edit actions', async () => {
    const { context, page } = await signedIn(VIEWER);
    await gotoReady(page, '/knowledge');
    await expect.poll(() => page.getByTestId('knowledge-row').count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'New entry' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Trash' }).count()).toBe(0);
    expect(await page.getByRole('checkbox').count()).toBe(0);

    await page.getByTestId('knowledge-row').first().getByRole('link').click();
    await page.waitForURL(ENTRY_URL);
    await page.getByTestId('related-entries').waitFor();
    expect(await page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Delete', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Link', exact: true }).count()).toBe(0);

    await gotoReady(page, '/knowledge/new');
    await expect.poll(() => page.getByTestId('no-access').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Create entry' }).count()).toBe(0);
    await gotoReady(page, '/engagements');
    expect(await page.getByRole('link', { name: 'New engagement' }).count()).toBe(0);
    await context.close();
  });

  it('lets an owner create an engagement and open its detail page', async () => {
    const { context, page } = await signedIn(OWNER);
    await gotoReady(page, '/engagements');
    await page.getByRole('link', { name: 'New engagement' }).click();
    await page.waitForURL(/\/engagements\/new$/);
    await page.getByLabel('Name', { exact: true }).fill('E2E Retail Pricing');
    await page.getByLabel('Client', { exact: true }).fill('Fabrikam');
    await page.getByLabel('Start date').fill('2026-03-01');
    await page.getByLabel('End date').fill('2026-01-01');
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await expect.poll(() => page.getByText('The end date is before the start date').count()).toBe(1);
    await page.getByLabel('End date').fill('2026-06-30');
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await page.waitForURL(/\/engagements\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'E2E Retail Pricing' }).waitFor();
    expect(await page.getByTestId('engagement-details').textContent()).toContain('Fabrikam');
    await gotoReady(page, '/engagements/not-a-uuid');
    await page.getByTestId('not-found').waitFor();
    await context.close();
  });
});
