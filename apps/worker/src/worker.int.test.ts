import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProcessors, startBullWorkers } from '@consailt/api/queue';
import type { Runtime } from '@consailt/api/runtime';
import { callerAs, createTestRuntime, testRedisUrl } from '@consailt/api/testing';
import { knowledgeEntries } from '@consailt/db';
import { createEntry, createMember, createOrg, testDatabaseUrl } from '@consailt/db/testing';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const redisUrl = testRedisUrl();
// The worker is a separate process, so it needs a database that two processes can share.
const databaseUrl = testDatabaseUrl();
const enabled = Boolean(redisUrl && databaseUrl);
const reason = enabled ? '' : ' (needs REDIS_URL and DATABASE_URL)';
const workerDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!enabled)(`BullMQ queue on Redis${reason}`, () => {
  let runtime: Runtime;
  const prefix = `t${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    runtime = await createTestRuntime({ redisUrl: redisUrl ?? undefined, queuePrefix: prefix });
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('runs entry-stats end to end through Redis with progress', async () => {
    expect(runtime.queue.kind).toBe('bullmq');
    const pool = startBullWorkers({
      redisUrl: redisUrl as string,
      attempts: 3,
      backoffMs: 10,
      prefix,
      logger: runtime.logger,
      processors: createProcessors(runtime.deps),
      concurrency: () => 2,
    });
    try {
      const db = runtime.database.db;
      const org = await createOrg(db);
      const { user } = await createMember(db, { orgId: org.id });
      const api = await callerAs(runtime, user.id);
      const { id } = await api.knowledge.create({ title: 'Via Redis', body: 'one two three four' });
      const entry = await waitFor(async () => {
        const e = await api.knowledge.byId({ id });
        return e.wordCount === 4 && e;
      });
      expect(entry.wordCount).toBe(4);
      // BullMQ marks the job completed after its processor returns, a moment after the row is written.
      const completed = await waitFor(async () => (await runtime.queue.counts())['entry-stats'].completed);
      expect(completed).toBeGreaterThanOrEqual(1);
    } finally {
      await pool.close();
    }
  });

  it('the worker process drains its jobs and exits 0 on SIGTERM', async () => {
    const db = runtime.database.db;
    const org = await createOrg(db);
    const entries = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createEntry(db, { orgId: org.id, body: 'word '.repeat(i + 1) })),
    );
    for (const e of entries) await runtime.queue.enqueue('entry-stats', { orgId: org.id, entryId: e.id });

    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: workerDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl as string,
        REDIS_URL: redisUrl as string,
        QUEUE_PREFIX: prefix,
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
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(async () => output.includes('worker started'), 30_000);
      await waitFor(async () => {
        const rows = await db
          .select({ id: knowledgeEntries.id, wordCount: knowledgeEntries.wordCount })
          .from(knowledgeEntries)
          .where(
            and(
              eq(knowledgeEntries.orgId, org.id),
              inArray(
                knowledgeEntries.id,
                entries.map((e) => e.id),
              ),
            ),
          );
        return rows.every((r) => r.wordCount > 0);
      });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(output).toContain('draining worker');
  });
});

describe('worker process without Redis', () => {
  it('refuses to start and says why', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: workerDir,
      env: { ...process.env, REDIS_URL: '', DATABASE_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => {
      stderr += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('The worker needs REDIS_URL');
  });
});
