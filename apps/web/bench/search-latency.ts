/**
 * Search as you type: time from the last keystroke of a query to the moment the results list in the
 * page reflects that query, with 10,000 entries in the signed-in organization. Runs against the
 * production server on PostgreSQL (a fresh database is fine: it is migrated, seeded with the demo
 * organization, and filled once with synthetic entries, which the app's reindex job then indexes).
 *
 *   createdb -h 127.0.0.1 -U postgres consailt_bench_web
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/consailt_bench_web npm run bench:web-search
 *   options: --entries 10000 --queries 60
 *
 * In the page, a keydown listener stamps each keystroke (event.timeStamp) and a MutationObserver
 * watches for the results container's `data-results-for` to equal the typed query; the difference is
 * one sample. Queries are typed at ~11 characters per second into the real search box, after
 * clearing it. Prints percentiles, then one JSON line.
 */
import { parseArgs } from 'node:util';
import {
  createDatabase,
  DEMO_ORG,
  entryContentHash,
  getDbEnv,
  knowledgeEntries,
  organizations,
  seedDemoData,
} from '@consailt/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { gotoReady, launchBrowser, startApp } from '../e2e/app-server';
import { load1, percentile, round, signedInState } from './lib';

const { values: args } = parseArgs({
  options: { entries: { type: 'string', default: '10000' }, queries: { type: 'string', default: '60' } },
});
const ENTRIES = Number(args.entries);
const QUERIES = Number(args.queries);
const TARGET_P95_MS = 150;
// Validated once by the db package's env module (a malformed URL fails with the variable's name).
const url = getDbEnv().DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is required (a PostgreSQL database this benchmark may fill), e.g.');
  console.error(
    '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/consailt_bench_web npm run bench:web-search',
  );
  process.exit(1);
}

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

// Prepare the database: migrate, the demo organization, and the synthetic entries (once).
const database = await createDatabase({ url, poolMax: 4 });
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
console.log(
  `${await countEntries()} entries in ${DEMO_ORG.name} (${round((performance.now() - started) / 1000)} s to insert)`,
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

// SEED_DEMO_DATA makes the app queue the organization's reindex at boot; its in-process worker indexes.
const app = await startApp(
  { DATABASE_URL: url, MIGRATE_ON_BOOT: 'true', SEED_DEMO_DATA: 'true' },
  { timeoutMs: 1_200_000 },
);
try {
  const indexStart = performance.now();
  for (let left = await unindexed(); left > 0; left = await unindexed()) {
    console.log(`indexing: ${left} entries left`);
    await new Promise((r) => setTimeout(r, 10_000));
  }
  console.log(`index ready (${round((performance.now() - indexStart) / 1000)} s)`);
  await db.execute(sql`analyze`);

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
  let i = 0;
  for (const q of queries) {
    await page.evaluate((expected) => {
      const w = window as unknown as { __expected: string; __latency: number | null };
      w.__expected = expected;
      w.__latency = null;
    }, q);
    await box.press('ControlOrMeta+a');
    await page.keyboard.type(q, { delay: 90 });
    await page.waitForFunction(
      () => (window as unknown as { __latency: number | null }).__latency !== null,
      null,
      {
        timeout: 15_000,
      },
    );
    const latency = await page.evaluate(() => (window as unknown as { __latency: number }).__latency);
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
  };
  console.log(
    `keystroke → rendered results over ${samples.length} queries: p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms (server search p50 ${result.serverP50} ms, p95 ${result.serverP95} ms); load ${load1()}`,
  );
  console.log(
    JSON.stringify({
      bench: 'web-search-as-you-type',
      database: 'postgres',
      entries: await countEntries(),
      queries: samples.length,
      targetP95Ms: TARGET_P95_MS,
      loadAvg1: load1(),
      ...result,
    }),
  );
} finally {
  await app.stop();
  await database.close();
}
