/**
 * Search as you type: time from the last keystroke of a query to the moment the results list in the
 * page reflects that query, with 10,000 entries in the signed-in organization, against the
 * production server (`next start` through `npm start`'s launcher):
 *
 *   npm run bench:web-search                       embedded defaults: PGlite, development sign-in
 *   npm run bench:web-search -- --database-url postgres://postgres@127.0.0.1:5432/consailt_bench_web
 *                                                   PostgreSQL, signed in through Clerk mode
 *   options: --entries 10000 --queries 60 --corpus realistic|narrow --pglite-dir <dir> (default: in the temp dir)
 *
 * Corpora: `realistic` (default) is the search benchmark's text (Cranfield sentences mixed with
 * templated consulting prose) with its queries; `narrow` is a worst case, entries written from a
 * vocabulary of about sixty words, where every query word occurs in half the chunks.
 *
 * With PostgreSQL the production server runs in Clerk mode (it has no development sign-in there);
 * Clerk's servers cannot be reached from here, so the local Clerk stand-in (`e2e/local-clerk.ts`)
 * provisions the user and organization by signed webhooks and mints the session cookie.
 *
 * The database is prepared once (reused by later runs): migrated, the organization created (the
 * seeded demo organization, or the Clerk one), filled with synthetic entries and indexed by the real
 * `reindex`/`ingest-entry` jobs on the in-process runner.
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
import { z } from 'zod';
import { loadCranfield } from '../../../packages/api/bench/lib/cranfield';
import { syntheticEntry, syntheticQueries, vocabulary } from '../../../packages/api/bench/lib/synthetic';
import { type AppServer, gotoReady, launchBrowser, startApp } from '../e2e/app-server';
import { createLocalClerk } from '../e2e/local-clerk';
import { load1, percentile, round, signedInState } from './lib';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '60' },
    corpus: { type: 'string', default: 'realistic' },
    'pglite-dir': { type: 'string' },
    'database-url': { type: 'string' },
    dataset: { type: 'string', default: '../shared/datasets/cranfield' },
  },
});
const CORPUS = z.enum(['realistic', 'narrow']).parse(args.corpus);
const ENTRIES = Number(args.entries);
const QUERIES = Number(args.queries);
const TARGET_P95_MS = 150;
const TIMEOUT_MS = 30_000;
const dataDir = path.resolve(
  args['pglite-dir'] ?? path.join(tmpdir(), `consailt-bench-web-search-${CORPUS}`),
);
const databaseUrl = args['database-url'];

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
function narrowEntry() {
  const title = `${pick(CLIENTS)}: ${pick(TOPICS)} ${pick(KINDS)}`;
  const para = () => Array.from({ length: 6 }, sentence).join(' ');
  return { title, body: `## Findings\n\n${para()}\n\n## Recommendations\n\n${para()}` };
}
// The realistic corpus is the search benchmark's (issue #5): Cranfield sentences mixed with
// templated consulting prose, two sections of about 900 characters per entry (about two chunks).
const cran = CORPUS === 'realistic' ? loadCranfield(path.resolve(process.cwd(), args.dataset ?? '')) : null;
const vocab = cran ? vocabulary(cran.docs) : null;
const entry = () => (vocab ? syntheticEntry(rand, vocab, 2, 900) : narrowEntry());

// Prepare the database: migrate, the organization, the synthetic entries, their index (once).
const database = await createDatabase(databaseUrl ? { url: databaseUrl } : { dataDir });
await database.migrate();
const db = database.db;
const clerk = databaseUrl ? createLocalClerk() : null;
const CLERK_USER = {
  id: 'user_bench_web_search',
  email: 'bench@consailt.test',
  firstName: 'Bench',
  lastName: 'Typist',
};
const CLERK_ORG = {
  id: `org_bench_web_search_${CORPUS}`,
  name: `Search Bench (${CORPUS})`,
  slug: `bench-web-search-${CORPUS}`,
};
let app: AppServer | null = null;
if (clerk) {
  // The server runs while the entries are written: Clerk's webhooks create the organization.
  app = await startApp(
    {
      DATABASE_URL: databaseUrl ?? '',
      SESSION_SECRET: 'bench-web-search-session-secret-0123456789',
      ...clerk.env,
    },
    { timeoutMs: 1_200_000 },
  );
  // Preparation can fail from here on: the detached server must not outlive this script.
  const started = app;
  process.once('exit', () => void started.stop());
  await clerk.provision(app.url, CLERK_USER, [CLERK_ORG]);
} else {
  await seedDemoData(db);
}
const [org] = await db
  .select({ id: organizations.id })
  .from(organizations)
  .where(clerk ? eq(organizations.clerkOrgId, CLERK_ORG.id) : eq(organizations.slug, DEMO_ORG.slug));
if (!org) throw new Error('benchmark organization missing after provisioning');
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
console.log(`${entryCount} entries (${round((performance.now() - started) / 1000)} s to insert)`);
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

// The embedded app opens the same PGlite directory (seeding again is a no-op).
app ??= await startApp({ PGLITE_DATA_DIR: dataDir, SEED_DEMO_DATA: 'true' }, { timeoutMs: 1_200_000 });
try {
  const browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: app.url,
    storageState: clerk ? undefined : await signedInState(browser, app.url),
    viewport: { width: 1280, height: 800 },
  });
  if (clerk) {
    // A session for the whole run: no browser here can refresh a token at Clerk's Frontend API.
    const { token, iat } = clerk.mintToken({
      userId: CLERK_USER.id,
      org: CLERK_ORG.id,
      exp: Math.floor(Date.now() / 1000) + 4 * 3600,
    });
    await context.addCookies([
      { name: '__session', value: token, url: app.url },
      { name: '__client_uat', value: String(iat), url: app.url },
    ]);
  }
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

  // Short queries over the corpus vocabulary (what people type into a search box); distinct, so no
  // result is cached. The realistic corpus takes the search benchmark's queries of up to 40 characters.
  const queries = new Set<string>();
  const candidates =
    cran && vocab
      ? syntheticQueries(
          rand,
          vocab,
          cran.queries.map((q) => q.text),
          QUERIES * 20,
        ).filter((q) => q.length <= 40)
      : [];
  while (queries.size < QUERIES + 5) {
    const next = candidates.shift();
    if (cran && !next) throw new Error('not enough distinct queries');
    queries.add(
      next ??
        (rand() < 0.5
          ? `${pick(TOPICS)} ${pick(KINDS).split(' ')[0]}`
          : `${pick(CLIENTS)} ${pick(METRICS)}`.toLowerCase()),
    );
  }
  const samples: number[] = [];
  const serverMs: number[] = [];
  const breakdown: { toRequest: number; request: number; toRender: number }[] = [];
  let timeouts = 0;
  let i = 0;
  for (const q of queries) {
    await page.evaluate((expected) => {
      const w = window as unknown as { __expected: string; __latency: number | null };
      w.__expected = expected;
      w.__latency = null;
      performance.clearResourceTimings();
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
    // Where the time went: the request that answered the typed query (its URL carries the input).
    const phases = shown
      ? await page.evaluate((expected) => {
          const w = window as unknown as { __keyAt: number; __latency: number };
          const request = performance
            .getEntriesByType('resource')
            .filter(
              (e) =>
                e.name.includes('search.query') &&
                decodeURIComponent(e.name).includes(JSON.stringify(expected)),
            )
            .at(-1) as PerformanceResourceTiming | undefined;
          if (!request) return null;
          return {
            toRequest: request.startTime - w.__keyAt,
            request: request.responseEnd - request.startTime,
            toRender: w.__keyAt + w.__latency - request.responseEnd,
          };
        }, q)
      : null;
    // The first few warm the server's caches and the page's code paths.
    if (i++ >= 5) {
      samples.push(latency);
      if (phases) breakdown.push(phases);
      const ms = /(\d+)\s*ms/.exec(summary ?? '')?.[1];
      if (ms) serverMs.push(Number(ms));
    }
  }
  await browser.close();
  const phase = (name: keyof (typeof breakdown)[number], p: number) =>
    round(
      percentile(
        breakdown.map((b) => b[name]),
        p,
      ),
    );
  const result = {
    p50: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    max: round(Math.max(...samples)),
    serverP50: round(percentile(serverMs, 50)),
    serverP95: round(percentile(serverMs, 95)),
    // Medians of the phases: keystroke → request sent (debounce, React), request → response
    // complete (HTTP, auth, the search), response → results rendered.
    toRequestP50: phase('toRequest', 50),
    requestP50: phase('request', 50),
    requestP95: phase('request', 95),
    toRenderP50: phase('toRender', 50),
    timeouts,
  };
  console.log(
    `keystroke → rendered results over ${samples.length} queries: p50 ${result.p50} ms, p95 ${result.p95} ms, max ${result.max} ms (server search p50 ${result.serverP50} ms, p95 ${result.serverP95} ms; medians: ${result.toRequestP50} ms to send the request, ${result.requestP50} ms for it, ${result.toRenderP50} ms to render), ${timeouts} without results in ${TIMEOUT_MS / 1000} s; load ${load1()}`,
  );
  console.log(
    JSON.stringify({
      bench: 'web-search-as-you-type',
      database: databaseUrl ? 'postgresql' : 'pglite',
      corpus: CORPUS,
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
