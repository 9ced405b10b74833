/**
 * Ingestion throughput through the production path: 2,000 entries of ~1,000 words are queued as
 * `ingest-entry` jobs on BullMQ (Redis) and indexed by the real worker process (apps/worker:
 * chunking, the local embedder, chunk rows with BM25 statistics) on PostgreSQL; then 500 feeds
 * served by a local HTTP server are polled through `rss-poll` jobs (fetch, parse, insert), once
 * fresh (200) and once conditional (304).
 *
 *   npm run bench:ingest
 *   npm run bench:ingest -- --entries 500 --feeds 100 --concurrency 8
 *   npm run bench:ingest -- --profile /tmp/prof   # the worker writes a V8 CPU profile there
 *
 * DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/consailt_bench_ingest (created and
 * migrated), REDIS_URL to redis://127.0.0.1:6379. Prints progress, then one JSON line.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import {
  createDatabase,
  entryContentHash,
  findRepoRoot,
  knowledgeEntries,
  newsFeeds,
  organizations,
} from '@consailt/db';
import { createOrg } from '@consailt/db/testing';
import { Queue } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import { createLogger } from '../src/logger';
import { createBullQueue } from '../src/queue/bullmq';
import { QUEUE_NAMES } from '../src/queue/contract';
import { ensureDatabase, makeEntryBody, spawnWorker, startBenchFeedServer, waitUntil } from './ingest-lib';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '2000' },
    words: { type: 'string', default: '1000' },
    feeds: { type: 'string', default: '500' },
    items: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
    profile: { type: 'string' },
  },
});
const ENTRIES = Number(args.entries);
const WORDS = Number(args.words);
const FEEDS = Number(args.feeds);
const CONCURRENCY = Number(args.concurrency);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/consailt_bench_ingest';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bench-${randomUUID().slice(0, 8)}`;
const log = (msg: string) => process.stderr.write(`${msg}\n`);
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

await ensureDatabase(databaseUrl);
const database = await createDatabase({ url: databaseUrl, poolMax: 4 });
await database.migrate();
const db = database.db;
const count = async (query: ReturnType<typeof sql>) =>
  ((await db.execute(query)) as unknown as Array<{ n: number }>)[0]?.n ?? 0;

// 1. Entries, inserted directly (setup, not measured).
const org = await createOrg(db, { name: `Ingest benchmark ${prefix}` });
log(`creating ${ENTRIES} entries of ~${WORDS} words…`);
for (let i = 0; i < ENTRIES; i += 200) {
  const rows = Array.from({ length: Math.min(200, ENTRIES - i) }, (_, j) => {
    const title = `Benchmark entry ${i + j}`;
    const body = makeEntryBody(i + j + 1, WORDS);
    return { orgId: org.id, title, body, contentHash: entryContentHash(title, body) };
  });
  await db.insert(knowledgeEntries).values(rows);
}
const ids = await db
  .select({ id: knowledgeEntries.id })
  .from(knowledgeEntries)
  .where(eq(knowledgeEntries.orgId, org.id));

const logger = createLogger('warn');
const queue = createBullQueue({ redisUrl, attempts: 3, backoffMs: 500, prefix, logger });
const worker = spawnWorker(
  findRepoRoot(),
  {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    QUEUE_CONCURRENCY_INGEST_ENTRY: String(CONCURRENCY),
    QUEUE_CONCURRENCY_RSS_POLL: '16',
    QUEUE_CONCURRENCY_NEWS_ENRICH: '4',
    FEED_FETCH_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
    DATABASE_POOL_MAX: String(Math.max(10, CONCURRENCY + 20)),
  },
  args.profile ? ['--cpu-prof', `--cpu-prof-dir=${args.profile}`] : [],
);
await waitUntil(async () => worker.output().includes('worker started'), 60_000, 'worker start');

// 2. Entries through BullMQ and the worker (measured from the first enqueue to the last index).
log('indexing…');
const started = performance.now();
await Promise.all(
  ids.map((e) =>
    queue.enqueue('ingest-entry', { orgId: org.id, entryId: e.id }, { jobId: `ingest-${e.id}` }),
  ),
);
await waitUntil(
  async () =>
    (await count(
      sql`select count(*)::int as n from knowledge_entries where org_id = ${org.id} and indexed_hash = content_hash`,
    )) === ENTRIES,
  30 * 60_000,
  'indexing',
);
const ingestSeconds = (performance.now() - started) / 1000;
const chunkCount = await count(sql`select count(*)::int as n from chunks where org_id = ${org.id}`);
log(`indexed ${ENTRIES} entries (${chunkCount} chunks) in ${round(ingestSeconds)} s`);

// 3. Feeds: first poll (200, parse, insert) and a conditional re-poll (304), measured separately.
const { server, base } = await startBenchFeedServer(Number(args.items));
const feedOrg = await createOrg(db, { name: `Feed benchmark ${prefix}` });
const feeds = await db
  .insert(newsFeeds)
  .values(
    Array.from({ length: FEEDS }, (_, i) => ({
      orgId: feedOrg.id,
      url: `${base}/feed/${i}.rss`,
      title: `Feed ${i}`,
    })),
  )
  .returning({ id: newsFeeds.id });
async function pollAll(round: number, column: 'last_success_at' | 'last_fetched_at', since: Date) {
  const t = performance.now();
  await Promise.all(
    feeds.map((f) =>
      queue.enqueue(
        'rss-poll',
        { orgId: feedOrg.id, feedId: f.id, force: true },
        { jobId: `poll-${f.id}-${round}` },
      ),
    ),
  );
  await waitUntil(
    async () =>
      (await count(
        sql`select count(*)::int as n from news_feeds where org_id = ${feedOrg.id} and ${sql.raw(column)} >= ${since.toISOString()}`,
      )) === FEEDS,
    10 * 60_000,
    'feed polls',
  );
  return (performance.now() - t) / 1000;
}
log(`polling ${FEEDS} feeds…`);
const firstPollSeconds = await pollAll(1, 'last_success_at', new Date());
const articles = await count(sql`select count(*)::int as n from news_articles where org_id = ${feedOrg.id}`);
const notModifiedSeconds = await pollAll(2, 'last_fetched_at', new Date());
server.close();

const peak = worker.peakRssMb();
worker.child.kill('SIGTERM');
await new Promise((r) => worker.child.once('exit', r));

// Clean up: queues of this run and the benchmark organizations (cascade).
for (const name of QUEUE_NAMES) {
  const q = new Queue(name, { connection: { url: redisUrl }, prefix });
  await q.obliterate({ force: true });
  await q.close();
}
await queue.close();
await db.delete(organizations).where(sql`${organizations.id} in (${org.id}, ${feedOrg.id})`);
await database.close();

console.log(
  JSON.stringify({
    bench: 'ingest',
    entries: ENTRIES,
    wordsPerEntry: WORDS,
    chunks: chunkCount,
    concurrency: CONCURRENCY,
    seconds: round(ingestSeconds, 2),
    entriesPerSec: round(ENTRIES / ingestSeconds),
    chunksPerSec: round(chunkCount / ingestSeconds),
    workerPeakRssMb: peak,
    feeds: FEEDS,
    articlesPerFeed: Number(args.items),
    articles,
    feedsPolledPerMinute: Math.round((FEEDS / firstPollSeconds) * 60),
    feedsNotModifiedPerMinute: Math.round((FEEDS / notModifiedSeconds) * 60),
    embedder: 'local',
  }),
);
process.exit(0);
