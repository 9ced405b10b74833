import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type BudgetStore, budgetPeriod, createMemoryBudgetStore, createRedisBudgetStore } from './budget';
import { BudgetExceededError } from './errors';
import { type FakeBedrock, startFakeBedrock } from './testing/fake-bedrock';
import { createTestService, userMessage } from './testing/harness';
import { redisForTests } from './testing/redis';

let fake: FakeBedrock;
beforeAll(async () => {
  fake = await startFakeBedrock();
});
afterEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
});

function budgetRace(makeStore: () => BudgetStore) {
  it('50 concurrent calls against a budget that fits 10: at most 10 succeed, spend is exact', async () => {
    const store = makeStore();
    const softAlerts: string[] = [];
    const { service, rows } = createTestService(fake, {
      budgetStore: store,
      onSoftLimitCrossed: (e) => {
        softAlerts.push(e.period);
      },
    });
    fake.setDefault({ latencyMs: 40, usage: { inputTokens: 900, outputTokens: 300 } });
    const orgId = randomUUID();
    const input = {
      orgId,
      userId: randomUUID(),
      task: 'quick_summary' as const,
      messages: userMessage('Summarize the steering committee notes. '.repeat(80)),
      maxTokens: 400,
    };
    const { estimateMicroUsd } = await service.quote(input);
    expect(estimateMicroUsd).toBeGreaterThan(0);
    const hard = estimateMicroUsd * 10;
    const limits = { orgHardMicroUsd: hard, orgSoftMicroUsd: Math.floor(hard / 4), userHardMicroUsd: null };

    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () => service.run({ ...input, limits })),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(ok.length).toBeGreaterThan(0);
    expect(ok.length).toBeLessThanOrEqual(10);
    expect(ok.length + refused.length).toBe(50);
    for (const r of refused) {
      const err = (r as PromiseRejectedResult).reason;
      expect(err).toBeInstanceOf(BudgetExceededError);
      expect(err).toMatchObject({ code: 'BUDGET_EXCEEDED', limit: 'org_hard', limitMicroUsd: hard });
      expect((err as BudgetExceededError).spentMicroUsd).toBeLessThanOrEqual(hard);
    }
    // Only successful calls reached the model; every call wrote exactly one row.
    expect(fake.requests).toHaveLength(ok.length);
    expect(rows).toHaveLength(50);
    expect(rows.filter((r) => r.status === 'refused')).toHaveLength(refused.length);
    const success = rows.filter((r) => r.status === 'success');
    const sum = success.reduce((s, r) => s + r.costMicroUsd, 0);
    expect(sum).toBeGreaterThan(0);
    const spend = await store.spend({ orgId, userId: null, period: budgetPeriod() });
    expect(spend.orgSpentMicroUsd).toBe(sum);
    expect(spend.orgReservedMicroUsd).toBe(0);
    expect(softAlerts).toHaveLength(1);
  });
}

describe('budget race (memory store)', () => {
  budgetRace(() => createMemoryBudgetStore());
});

const redisTest = redisForTests();
describe.skipIf(redisTest.skip)(`budget race (redis store)${redisTest.reason}`, () => {
  let redis: Redis;
  const prefix = `consailt-test:${randomUUID()}:budget`;
  beforeAll(() => {
    redis = redisTest.connect();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  budgetRace(() => createRedisBudgetStore(redis, { prefix }));
});

describe('free calls', () => {
  function countingStore() {
    const store = createMemoryBudgetStore();
    const calls = { reserve: 0, settle: 0 };
    const counted: BudgetStore = {
      ...store,
      reserve: (input) => {
        calls.reserve++;
        return store.reserve(input);
      },
      settle: (id, cost) => {
        calls.settle++;
        return store.settle(id, cost);
      },
    };
    return { store: counted, calls };
  }
  const embedLocally = { orgId: randomUUID(), texts: ['pricing workshop'], kind: 'query' as const };
  const pin = { pinModel: 'local.hash-embed-v1' };

  it('skip the budget store when nothing can cost and no hard limit applies, and are still recorded', async () => {
    const { store, calls } = countingStore();
    const { service, rows } = createTestService(fake, { budgetStore: store });
    const res = await service.embed({ ...embedLocally, ...pin });
    expect(res.costMicroUsd).toBe(0);
    expect(calls).toEqual({ reserve: 0, settle: 0 });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'success', costMicroUsd: 0, modelId: 'local.hash-embed-v1' });
  });

  it('still face a hard limit: an organization past its budget is refused even a free call', async () => {
    const { store, calls } = countingStore();
    const { service } = createTestService(fake, { budgetStore: store });
    const limits = { orgHardMicroUsd: 10, orgSoftMicroUsd: null, userHardMicroUsd: null };
    expect((await service.embed({ ...embedLocally, ...pin, limits })).costMicroUsd).toBe(0);
    expect(calls.reserve).toBe(1);
    // Spend 50 µ$ elsewhere in the period: the organization is now past its 10 µ$ limit.
    const held = await store.reserve({
      orgId: embedLocally.orgId,
      userId: null,
      period: budgetPeriod(),
      estimateMicroUsd: 0,
      limits: { orgHardMicroUsd: null, orgSoftMicroUsd: null, userHardMicroUsd: null },
    });
    if (!held.ok) throw new Error('reservation refused');
    await store.settle(held.reservationId, 50);
    await expect(service.embed({ ...embedLocally, ...pin, limits })).rejects.toBeInstanceOf(
      BudgetExceededError,
    );
  });
});
