import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../logger';
import type { ProcessorMap } from './contract';
import { createInProcessQueue } from './in-process';

const logger = createLogger('silent');
const ids = () => ({ orgId: randomUUID(), entryId: randomUUID() });

function queueWith(processors: ProcessorMap, attempts = 3, concurrency = 2) {
  const q = createInProcessQueue({
    processors,
    concurrency: () => concurrency,
    attempts,
    backoffMs: 5,
    logger,
  });
  q.start();
  return q;
}

describe('in-process queue', () => {
  it('runs a job and records its progress', async () => {
    const seen: string[] = [];
    const q = queueWith({
      'entry-stats': async (payload, ctx) => {
        seen.push(payload.entryId);
        await ctx.updateProgress({ percent: 100, stage: 'done' });
      },
    });
    const payload = ids();
    const { id } = await q.enqueue('entry-stats', payload);
    await q.drain();
    expect(seen).toEqual([payload.entryId]);
    expect(await q.getJob('entry-stats', id)).toMatchObject({
      state: 'completed',
      attempts: 1,
      progress: { percent: 100, stage: 'done' },
    });
    await q.close();
  });

  it('retries with backoff and succeeds on a later attempt', async () => {
    let calls = 0;
    const q = queueWith({
      'entry-stats': async () => {
        calls += 1;
        if (calls < 3) throw new Error(`transient ${calls}`);
      },
    });
    const { id } = await q.enqueue('entry-stats', ids());
    await q.drain();
    expect(calls).toBe(3);
    expect(await q.getJob('entry-stats', id)).toMatchObject({ state: 'completed', attempts: 3, error: null });
    await q.close();
  });

  it('lands in the failed list after the last attempt, with the error', async () => {
    const q = queueWith(
      {
        'entry-stats': async () => {
          throw new Error('always broken');
        },
      },
      2,
    );
    const { id } = await q.enqueue('entry-stats', ids());
    await q.drain();
    expect(await q.getJob('entry-stats', id)).toMatchObject({
      state: 'failed',
      attempts: 2,
      error: 'always broken',
    });
    expect((await q.counts())['entry-stats'].failed).toBe(1);
    await q.close();
  });

  it('rejects a payload that does not match the contract', async () => {
    const q = queueWith({});
    await expect(q.enqueue('entry-stats', { orgId: 'nope', entryId: 'x' })).rejects.toThrow();
    await q.close();
  });

  it('deduplicates by job id while the job is pending', async () => {
    let calls = 0;
    const q = queueWith({
      'entry-stats': async () => {
        calls += 1;
      },
    });
    const payload = ids();
    await q.enqueue('entry-stats', payload, { jobId: 'same' });
    await q.enqueue('entry-stats', payload, { jobId: 'same' });
    await q.drain();
    expect(calls).toBe(1);
    await q.close();
  });

  it('honours the concurrency limit', async () => {
    let active = 0;
    let peak = 0;
    const q = queueWith(
      {
        'entry-stats': async () => {
          active += 1;
          peak = Math.max(peak, active);
          await new Promise((r) => setTimeout(r, 10));
          active -= 1;
        },
      },
      1,
      2,
    );
    await Promise.all(Array.from({ length: 8 }, () => q.enqueue('entry-stats', ids())));
    await q.drain();
    expect(peak).toBe(2);
    await q.close();
  });

  it('parses a payload queued before an optional field was added', async () => {
    let seen: unknown;
    const q = queueWith({
      reindex: async (payload) => {
        seen = payload;
      },
    });
    const orgId = randomUUID();
    await q.enqueue('reindex', { orgId });
    await q.drain();
    expect(seen).toEqual({ orgId });
    await q.close();
  });
});
