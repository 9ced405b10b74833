import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BudgetStore, createMemoryBudgetStore, createRedisBudgetStore, NO_LIMITS } from './budget';
import { redisForTests } from './testing/redis';

const period = '2026-11';
const limits = (hard: number | null, soft: number | null = null, user: number | null = null) => ({
  orgHardMicroUsd: hard,
  orgSoftMicroUsd: soft,
  userHardMicroUsd: user,
});

function budgetContract(name: string, make: (opts?: { now?: () => number }) => BudgetStore) {
  describe(name, () => {
    it('reserves, settles to the actual cost and releases', async () => {
      const store = make();
      const orgId = randomUUID();
      const a = await store.reserve({
        orgId,
        userId: null,
        period,
        estimateMicroUsd: 600,
        limits: limits(1000),
      });
      expect(a.ok).toBe(true);
      const b = await store.reserve({
        orgId,
        userId: null,
        period,
        estimateMicroUsd: 600,
        limits: limits(1000),
      });
      expect(b).toMatchObject({
        ok: false,
        limit: 'org_hard',
        limitMicroUsd: 1000,
        spentMicroUsd: 0,
        reservedMicroUsd: 600,
      });
      if (!a.ok) return;
      await store.settle(a.reservationId, 250);
      // Settling twice, or releasing after settling, changes nothing.
      await store.settle(a.reservationId, 250);
      await store.release(a.reservationId);
      expect(await store.spend({ orgId, userId: null, period })).toMatchObject({
        orgSpentMicroUsd: 250,
        orgReservedMicroUsd: 0,
      });
      const c = await store.reserve({
        orgId,
        userId: null,
        period,
        estimateMicroUsd: 700,
        limits: limits(1000),
      });
      expect(c.ok).toBe(true);
      if (c.ok) await store.release(c.reservationId);
      expect((await store.spend({ orgId, userId: null, period })).orgReservedMicroUsd).toBe(0);
    });

    it('enforces a per-user limit inside the org limit, per period', async () => {
      const store = make();
      const orgId = randomUUID();
      const userId = randomUUID();
      const r1 = await store.reserve({
        orgId,
        userId,
        period,
        estimateMicroUsd: 80,
        limits: limits(10_000, null, 100),
      });
      expect(r1.ok).toBe(true);
      const r2 = await store.reserve({
        orgId,
        userId,
        period,
        estimateMicroUsd: 30,
        limits: limits(10_000, null, 100),
      });
      expect(r2).toMatchObject({ ok: false, limit: 'user_hard', limitMicroUsd: 100 });
      const other = await store.reserve({
        orgId,
        userId: randomUUID(),
        period,
        estimateMicroUsd: 30,
        limits: limits(10_000, null, 100),
      });
      expect(other.ok).toBe(true);
      const next = await store.reserve({
        orgId,
        userId,
        period: '2026-12',
        estimateMicroUsd: 30,
        limits: limits(10_000, null, 100),
      });
      expect(next.ok).toBe(true);
    });

    it('reports crossing the soft limit once per period', async () => {
      const store = make();
      const orgId = randomUUID();
      const crossed: boolean[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await store.reserve({
          orgId,
          userId: null,
          period,
          estimateMicroUsd: 10,
          limits: limits(null, 25),
        });
        if (!r.ok) throw new Error('refused');
        crossed.push((await store.settle(r.reservationId, 10)).softLimitCrossed);
      }
      expect(crossed).toEqual([false, false, true, false]);
      const r = await store.reserve({
        orgId,
        userId: null,
        period: '2026-12',
        estimateMicroUsd: 30,
        limits: limits(null, 25),
      });
      if (!r.ok) throw new Error('refused');
      expect((await store.settle(r.reservationId, 30)).softLimitCrossed).toBe(true);
    });

    it('expires reservations of crashed callers', async () => {
      let t = 1_000_000;
      const store = make({ now: () => t });
      const orgId = randomUUID();
      const r = await store.reserve({
        orgId,
        userId: null,
        period,
        estimateMicroUsd: 900,
        limits: limits(1000),
      });
      expect(r.ok).toBe(true);
      expect(
        (await store.reserve({ orgId, userId: null, period, estimateMicroUsd: 900, limits: limits(1000) }))
          .ok,
      ).toBe(false);
      t += 16 * 60_000;
      expect(
        (await store.reserve({ orgId, userId: null, period, estimateMicroUsd: 900, limits: limits(1000) }))
          .ok,
      ).toBe(true);
      // The late settle still counts the spend (the call did happen), without a negative hold.
      if (r.ok) await store.settle(r.reservationId, 100);
      expect(await store.spend({ orgId, userId: null, period })).toMatchObject({
        orgSpentMicroUsd: 100,
        orgReservedMicroUsd: 900,
      });
    });

    it('never lets concurrent reservations overshoot the hard limit', async () => {
      const store = make();
      const orgId = randomUUID();
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          store.reserve({ orgId, userId: null, period, estimateMicroUsd: 100, limits: limits(1000) }),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      const spend = await store.spend({ orgId, userId: null, period });
      expect(spend.orgReservedMicroUsd).toBe(1000);
      expect(
        await store.reserve({ orgId, userId: null, period, estimateMicroUsd: 0, limits: NO_LIMITS }),
      ).toMatchObject({
        ok: true,
      });
    });
  });
}

budgetContract('memory budget store', (opts) => createMemoryBudgetStore(opts));

const redisTest = redisForTests();
describe.skipIf(redisTest.skip)(`redis budget store${redisTest.reason}`, () => {
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
  budgetContract('contract', (opts) => createRedisBudgetStore(redis, { prefix, ...opts }));
});
