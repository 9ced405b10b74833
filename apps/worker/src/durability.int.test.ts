import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createBullQueue } from '@consailt/api/queue';
import type { Runtime } from '@consailt/api/runtime';
import { createTestRuntime, testRedisUrl } from '@consailt/api/testing';
import { corpusStats, newsArticles, newsFeeds } from '@consailt/db';
import { createEntry, createOrg, testDatabaseUrl } from '@consailt/db/testing';
import { Queue } from 'bullmq';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const redisUrl = testRedisUrl();
const databaseUrl = testDatabaseUrl();
const enabled = Boolean(redisUrl && databaseUrl);
const reason = enabled ? '' : ' (needs REDIS_URL and DATABASE_URL)';
const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const WORDS = 'market client revenue pricing strategy merger supply chain risk audit growth cloud data'.split(
  ' ',
);
const body = (i: number) =>
  Array.from({ length: 8 }, (_, p) =>
    Array.from({ length: 90 }, (_, w) => WORDS[(i * 7 + p * 13 + w * ((i % 5) + 1)) % WORDS.length]).join(
      ' ',
    ),
  ).join('\n\n');

describe.skipIf(!enabled)(`durability: SIGKILLed worker, stalled jobs, old payloads${reason}`, () => {
  let runtime: Runtime;
  let server: Server;
  const prefix = `d${randomUUID().slice(0, 8)}`;
  const children: ChildProcess[] = [];

  function startWorker() {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: workerDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl as string,
        REDIS_URL: redisUrl as string,
        QUEUE_PREFIX: prefix,
        QUEUE_CONCURRENCY_INGEST_ENTRY: '2',
        // A killed worker's jobs are stalled after 2 s instead of 30 s, so the test stays fast.
        QUEUE_LOCK_DURATION_MS: '2000',
        QUEUE_STALLED_INTERVAL_MS: '1000',
        FEED_FETCH_ALLOW_PRIVATE_CIDRS: '127.0.0.1/32',
        LOG_LEVEL: 'info',
        NODE_ENV: 'test',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (d) => {
      output += String(d);
    });
    child.stderr?.on('data', (d) => {
      output += String(d);
    });
    children.push(child);
    return { child, started: () => waitFor(async () => output.includes('worker started'), 30_000) };
  }

  beforeAll(async () => {
    runtime = await createTestRuntime({ redisUrl: redisUrl ?? undefined, queuePrefix: prefix });
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end(
        '<rss version="2.0"><channel><title>t</title><item><title>Old payload poll</title><guid>1</guid><description>Still runs.</description></item></channel></rss>',
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await runtime?.close();
    await new Promise((r) => server?.close(r));
  });

  it('indexes 200 entries exactly once although the first worker is SIGKILLed halfway', async () => {
    const db = runtime.database.db;
    const org = await createOrg(db);
    const entries = [];
    for (let i = 0; i < 200; i++)
      entries.push(await createEntry(db, { orgId: org.id, title: `Entry ${i}`, body: body(i) }));
    for (const e of entries)
      await runtime.queue.enqueue(
        'ingest-entry',
        { orgId: org.id, entryId: e.id },
        { jobId: `ingest-${e.id}` },
      );
    const indexed = async () => {
      const rows = (await db.execute(
        sql`select count(*)::int as n from knowledge_entries where org_id = ${org.id} and indexed_hash = content_hash`,
      )) as unknown as Array<{ n: number }>;
      return rows[0]?.n ?? 0;
    };

    const first = startWorker();
    await first.started();
    const atKill = await waitFor(async () => {
      const n = await indexed();
      return n >= 40 && n;
    });
    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));
    expect(atKill, 'the kill must happen while work remains').toBeLessThan(200);

    const second = startWorker();
    await second.started();
    await waitFor(async () => (await indexed()) === 200, 45_000);

    const [stats] = (await db.execute(
      sql`select count(*)::int as chunks, count(distinct (entry_id, ordinal))::int as pairs,
            (select count(*)::int from knowledge_entries where org_id = ${org.id} and indexed_at is not null) as "indexedOnce"
          from chunks where org_id = ${org.id}`,
    )) as unknown as Array<{ chunks: number; pairs: number; indexedOnce: number }>;
    const s = stats as { chunks: number; pairs: number; indexedOnce: number };
    expect(s.chunks).toBe(s.pairs);
    expect(s.indexedOnce).toBe(200);
    // BM25 statistics count every chunk once: nothing was double-counted by the retried jobs.
    const [corpus] = await db.select().from(corpusStats).where(eq(corpusStats.orgId, org.id));
    expect(corpus?.chunkCount).toBe(s.chunks);
    second.child.kill('SIGTERM');
    expect(await new Promise((r) => second.child.once('exit', r))).toBe(0);
  }, 60_000);

  it('runs an rss-poll job queued before `force` existed, and per-feed schedules, through BullMQ', async () => {
    const db = runtime.database.db;
    const org = await createOrg(db);
    const { port } = server.address() as AddressInfo;
    const [feed] = await db
      .insert(newsFeeds)
      .values({ orgId: org.id, url: `http://127.0.0.1:${port}/old.rss`, title: 'old' })
      .returning();
    if (!feed) throw new Error('feed insert failed');
    // Written with BullMQ directly, as an older producer would have: no `force` field.
    const raw = new Queue('rss-poll', { connection: { url: redisUrl as string }, prefix });
    await raw.add('rss-poll', { orgId: org.id, feedId: feed.id });
    await raw.close();
    const worker = startWorker();
    await worker.started();
    await waitFor(async () => {
      const rows = await db.select().from(newsArticles).where(eq(newsArticles.feedId, feed.id));
      return rows.length === 1 && rows;
    });

    // A schedule polls at once; listing and removing it work against Redis.
    const bull = createBullQueue({
      redisUrl: redisUrl as string,
      attempts: 1,
      backoffMs: 10,
      prefix,
      logger: runtime.logger,
    });
    await bull.upsertSchedule({
      queue: 'rss-poll',
      id: `feed-${feed.id}`,
      everyMs: 3600_000,
      payload: { orgId: org.id, feedId: feed.id },
    });
    await waitFor(async () => {
      const [f] = await db.select().from(newsFeeds).where(eq(newsFeeds.id, feed.id));
      return f?.lastSuccessAt && f;
    });
    const jobs = await bull.listJobs('rss-poll', ['completed', 'delayed'], 50);
    expect(jobs.some((j) => (j.payload as { feedId?: string }).feedId === feed.id)).toBe(true);
    expect(await bull.removeSchedule('rss-poll', `feed-${feed.id}`)).toBe(true);
    await bull.close();
    worker.child.kill('SIGTERM');
    expect(await new Promise((r) => worker.child.once('exit', r))).toBe(0);
  }, 60_000);
});
