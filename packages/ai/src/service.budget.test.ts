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
