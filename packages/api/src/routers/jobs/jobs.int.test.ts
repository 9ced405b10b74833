import { randomUUID } from 'node:crypto';
import { createMember, createOrg } from '@consailt/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../logger';
import { QUEUE_NAMES } from '../../queue/contract';
import { createInProcessQueue } from '../../queue/in-process';
import type { Runtime } from '../../runtime';
import { callerAs, createTestRuntime } from '../../testing';

describe('jobs procedures', () => {
  let base: Runtime;
  let runtime: Runtime;
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  // A queue whose processors we control: one job waits halfway, one always fails.
  const queue = createInProcessQueue({
    processors: {
      'import-file': async (_p, ctx) => {
        await ctx.updateProgress({ percent: 50, stage: 'parsing' });
        await gate;
      },
      'entry-stats': async (p) => {
        if (!p.entryId.startsWith('0')) throw new Error('entry vanished');
      },
    },
    concurrency: () => 2,
    attempts: 2,
    backoffMs: 1,
    logger: createLogger('silent'),
  });

  beforeAll(async () => {
    base = await createTestRuntime();
    runtime = { ...base, queue, deps: { ...base.deps, queue } };
    queue.start();
  });
  afterAll(async () => {
    release();
    await queue.close();
    await base?.close();
  });

  it('shows progress and failed jobs of the caller’s organization only, and retries them', async () => {
    const db = base.database.db;
    const orgA = (await createOrg(db)).id;
    const orgB = (await createOrg(db)).id;
    const adminA = (await createMember(db, { orgId: orgA, role: 'admin' })).user.id;
    const memberA = (await createMember(db, { orgId: orgA, role: 'member' })).user.id;
    const adminB = (await createMember(db, { orgId: orgB, role: 'admin' })).user.id;
    const fileId = randomUUID();
    await queue.enqueue('import-file', { orgId: orgA, fileId });
    const failed = await queue.enqueue('entry-stats', { orgId: orgA, entryId: `f${randomUUID().slice(1)}` });
    await queue.enqueue('entry-stats', { orgId: orgB, entryId: `f${randomUUID().slice(1)}` });
    await new Promise((r) => setTimeout(r, 100));

    const a = await callerAs(runtime, adminA, orgA);
    const progress = await a.jobs.progress({ limit: 50 });
    expect(progress).toEqual([
      expect.objectContaining({
        queue: 'import-file',
        state: 'active',
        percent: 50,
        stage: 'parsing',
        subject: { kind: 'file', id: fileId },
      }),
    ]);
    const failures = await a.jobs.failed({ limit: 50 });
    expect(failures).toEqual([
      expect.objectContaining({ id: failed.id, state: 'failed', error: 'entry vanished', attempts: 2 }),
    ]);

    // Counts per queue are this organization's only (B's failed entry-stats job is not counted).
    const counts = await a.jobs.counts();
    expect(counts.map((c) => c.queue)).toEqual(QUEUE_NAMES);
    expect(counts.find((c) => c.queue === 'import-file')).toMatchObject({ active: 1, failed: 0 });
    expect(counts.find((c) => c.queue === 'entry-stats')).toMatchObject({ failed: 1, active: 0 });

    const b = await callerAs(runtime, adminB, orgB);
    expect(await b.jobs.progress({ limit: 50 })).toEqual([]);
    expect((await b.jobs.counts()).find((c) => c.queue === 'import-file')).toMatchObject({ active: 0 });
    await expect(b.jobs.byId({ queue: 'entry-stats', id: failed.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(b.jobs.retry({ queue: 'entry-stats', id: failed.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const member = await callerAs(runtime, memberA, orgA);
    await expect(member.jobs.retry({ queue: 'entry-stats', id: failed.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await a.jobs.retry({ queue: 'entry-stats', id: failed.id })).toEqual({ retried: true });
    await new Promise((r) => setTimeout(r, 50));
    expect(await a.jobs.byId({ queue: 'entry-stats', id: failed.id })).toMatchObject({
      state: 'failed',
      attempts: 2,
    });
    release();
    await queue.drain();
    expect(await a.jobs.progress({ limit: 50 })).toEqual([]);
  });

  it('runs a schedule at once and on every interval until removed', async () => {
    const orgId = randomUUID();
    const seen: string[] = [];
    const q = createInProcessQueue({
      processors: { 'rss-poll': async (p) => void seen.push(p.feedId) },
      concurrency: () => 1,
      attempts: 1,
      backoffMs: 1,
      logger: createLogger('silent'),
    });
    q.start();
    const feedId = randomUUID();
    await q.upsertSchedule({ queue: 'rss-poll', id: 'feed-x', everyMs: 40, payload: { orgId, feedId } });
    await new Promise((r) => setTimeout(r, 110));
    expect(await q.removeSchedule('rss-poll', 'feed-x')).toBe(true);
    await q.drain();
    const count = seen.length;
    expect(count).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.length).toBe(count);
    expect(await q.removeSchedule('rss-poll', 'feed-x')).toBe(false);
    await q.close();
  });
});
