/**
 * Search as you type: time from the last keystroke of a query to the moment the results list in the
 * page reflects that query, with 10,000 entries in the signed-in organization. Runs against the
 * production server on its embedded defaults (PGlite, the in-process runner, development sign-in):
 * with DATABASE_URL the production server demands Clerk, which cannot be reached from here.
 *
 *   npm run bench:web-search
 *   options: --entries 10000 --queries 60 --pglite-dir <dir>   (default: a folder in the temp dir)
 *
 * The database is prepared once (reused by later runs): migrated, seeded with the demo organization,
 * filled with synthetic entries and indexed by the real `reindex`/`ingest-entry` jobs on the
 * in-process runner, then closed so the app can open it.
 *
 * In the page, a keydown listener stamps each keystroke (event.timeStamp) and a MutationObserver
 * watches for the results container's `data-results-for` to equal the typed query; the difference is
 * one sample. Queries are typed at ~11 characters per second into the real search box, after
 * clearing it. Prints percentiles, then one JSON line.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createTestRuntime } from '@consailt/api/testing';
import {
  createDatabase,
  DEMO_ORG,
  entryContentHash,
  knowledgeEntries,
  organizations,
  seedDemoData,
} from '@consailt/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { gotoReady, launchBrowser, startApp } from '../e2e/app-server';
import { load1, percentile, round, signedInState } from './lib';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '60' },
    'pglite-dir': { type: 'string', default: path.join(tmpdir(), 'consailt-bench-web-search') },
  },
});
const ENTRIES = Number(args.entries);
const QUERIES = Number(args.queries);
const TARGET_P95_MS = 150;
const TIMEOUT_MS = 30_000;
const dataDir = path.resolve(args['pglite-dir'] ?? '');

/** Deterministic PRNG (mulberry32), so every run writes and types the same text. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = prng(8);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const CLIENTS = ['Contoso', 'Fabrikam', 'Litware', 'Northwind', 'Tailspin', 'Wingtip', 'Adatum', 'Proseware'];
const TOPICS = [
  'procurement',
  'pricing',
  'onboarding',
  'churn',
  'warehouse',
  'forecasting',
  'payroll',
  'logistics',
  'compliance',
  'retention',
  'inventory',
  'billing',
  'recruiting',
  'cybersecurity',
  'sustainability',
  'outsourcing',
  'governance',
  'migration',
  'budgeting',
  'automation',
];
const KINDS = ['review', 'diagnostic', 'workshop notes', 'benchmark', 'playbook', 'interview summary'];
const VERBS = ['reduced', 'increased', 'stabilised', 'delayed', 'doubled', 'simplified'];
const METRICS = [
  'cycle time',
  'gross margin',
  'headcount cost',
  'error rate',
  'lead time',
  'customer satisfaction',
];
const sentence = () =>
  `${pick(CLIENTS)} ${pick(VERBS)} ${pick(METRICS)} in ${pick(TOPICS)} after the ${pick(TOPICS)} ${pick(KINDS)}.`;
function entry() {
  const title = `${pick(CLIENTS)}: ${pick(TOPICS)} ${pick(KINDS)}`;
  const para = () => Array.from({ length: 6 }, sentence).join(' ');
  return { title, body: `## Findings\n\n${para()}\n\n## Recommendations\n\n${para()}` };
}

// Prepare the database: migrate, the demo organization, the synthetic entries, their index (once).
const database = await createDatabase({ dataDir });
await database.migrate();
await seedDemoData(database.db);
const db = database.db;
const [org] = await db
  .select({ id: organizations.id })
  .from(organizations)
  .where(eq(organizations.slug, DEMO_ORG.slug));
if (!org) throw new Error('demo organization missing after seeding');
const countEntries = async () =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(knowledgeEntries)
      .where(and(eq(knowledgeEntries.orgId, org.id), isNull(knowledgeEntries.deletedAt)))
  )[0]?.n ?? 0;
const existing = await countEntries();
const started = performance.now();
for (let n = existing; n < ENTRIES; ) {
  const batch = Array.from({ length: Math.min(500, ENTRIES - n) }, () => {
    const { title, body } = entry();
    return { orgId: org.id, title, body, type: 'note' as const, contentHash: entryContentHash(title, body) };
  });
  await db.insert(knowledgeEntries).values(batch);
  n += batch.length;
}
const entryCount = await countEntries();
console.log(
  `${entryCount} entries in ${DEMO_ORG.name} (${round((performance.now() - started) / 1000)} s to insert)`,
);
const unindexed = async () =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(knowledgeEntries)
      .where(
        and(
          eq(knowledgeEntries.orgId, org.id),
          sql`${knowledgeEntries.indexedHash} is distinct from ${knowledgeEntries.contentHash}`,
        ),
      )
  )[0]?.n ?? 0;
if ((await unindexed()) > 0) {
  // The app's own path: the reindex job queues ingest-entry for every stale entry; the in-process
  // runner works through them.
  const indexStart = performance.now();
  const runtime = await createTestRuntime({ database });
  await runtime.deps.queue.enqueue('reindex', { orgId: org.id });
  await (runtime.queue as unknown as { drain(): Promise<void> }).drain();
  console.log(`indexed in ${round((performance.now() - indexStart) / 1000)} s; ${await unindexed()} left`);
  await runtime.close();
} else {
  await database.close();
}

// The app opens the same PGlite directory (seeding again is a no-op).
const app = await startApp({ PGLITE_DATA_DIR: dataDir, SEED_DEMO_DATA: 'true' }, { timeoutMs: 1_200_000 });
try {
  const browser = await launchBrowser();
  const state = await signedInState(browser, app.url);
  const context = await browser.newContext({
    baseURL: app.url,
    storageState: state,
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __expected: string; __keyAt: number; __latency: number | null };
    w.__expected = '';
    w.__latency = null;
    document.addEventListener(
      'keydown',
      (e) => {
        w.__keyAt = e.timeStamp;
      },
      true,
    );
    new MutationObserver(() => {
      if (w.__latency !== null || !w.__expected) return;
      const el = document.querySelector('[data-results-for]');
      if (el?.getAttribute('data-results-for') === w.__expected) w.__latency = performance.now() - w.__keyAt;
    }).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-results-for'],
    });
  });
  const page = await context.newPage();
  await gotoReady(page, '/search');
  const box = page.getByLabel('Search knowledge');
  await box.click();

  // Two- and three-word queries over the corpus vocabulary; distinct, so no result is cached.
  const queries = new Set<string>();
  while (queries.size < QUERIES + 5)
    queries.add(
      rand() < 0.5
        ? `${pick(TOPICS)} ${pick(KINDS).split(' ')[0]}`
        : `${pick(CLIENTS)} ${pick(METRICS)}`.toLowerCase(),
    );
  const samples: number[] = [];
  const serverMs: number[] = [];
  let timeouts = 0;
  let i = 0;
  for (const q of queries) {
    await page.evaluate((expected) => {
      const w = window as unknown as { __expected: string; __latency: number | null };
      w.__expected = expected;
      w.__latency = null;
    }, q);
    await box.press('ControlOrMeta+a');
    await page.keyboard.type(q, { delay: 90 });
    // A query whose results never show (an error, a refusal) counts as the timeout, and is reported.
    const shown = await page
      .waitForFunction(() => (window as unknown as { __latency: number | null }).__latency !== null, null, {
        timeout: TIMEOUT_MS,
      })
      .then(() => true)
      .catch(() => false);
    if (!shown) {
      timeouts++;
      const state = await page
        .locator('[data-results-for]')
        .textContent()
        .catch(() => '');
      console.log(`no results for "${q}" after ${TIMEOUT_MS} ms: ${(state ?? '').slice(0, 200)}`);
    }
    const latency = shown
      ? await page.evaluate(() => (window as unknown as { __latency: number }).__latency)
      : TIMEOUT_MS;
    const summary = await page
      .getByTestId('search-summary')
      .textContent()
      .catch(() => '');
    // The first few warm the server's caches and the page's code paths.
    if (i++ >= 5) {
      samples.push(latency);
      const ms = /(\d+)\s*ms/.exec(summary ?? '')?.[1];
      if (ms) serverMs.push(Number(ms));
    }
  }
  await browser.close();
  const result = {
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    max: round(Math.max(...samples)),
    serverP50: round(percentile(serverMs, 50)),
    serverP95: round(percentile(serverMs, 95)),
    timeouts,
  };
  console.log(
    `keystroke → rendered results over ${samples.length} queries: p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms (server search p50 ${result.serverP50} ms, p95 ${result.serverP95} ms), ${timeouts} without results in ${TIMEOUT_MS / 1000} s; load ${load1()}`,
  );
  console.log(
    JSON.stringify({
      bench: 'web-search-as-you-type',
      database: 'pglite',
      entries: entryCount,
      queries: samples.length,
      targetP95Ms: TARGET_P95_MS,
      loadAvg1: load1(),
      ...result,
    }),
  );
} finally {
  await app.stop();
}
