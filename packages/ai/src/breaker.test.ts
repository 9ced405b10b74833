import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BreakerStateStore,
  createCircuitBreaker,
  createMemoryBreakerStore,
  createRedisBreakerStore,
} from './breaker';
import { redisForTests } from './testing/redis';

function breakerContract(name: string, makeStore: () => BreakerStateStore) {
  describe(name, () => {
    it('opens after N consecutive failures, probes once after the cooldown, closes on success', async () => {
      let t = 1_000;
      const b = createCircuitBreaker({
        store: makeStore(),
        config: { failureThreshold: 3, cooldownMs: 1000 },
        now: () => t,
      });
      const m = `model-${randomUUID()}`;
      await b.recordFailure(m);
      await b.recordFailure(m);
      await b.recordSuccess(m); // success resets the count: failures must be consecutive
      await b.recordFailure(m);
      await b.recordFailure(m);
      expect(await b.state(m)).toBe('closed');
      expect(await b.acquire(m)).toBe('allow');
      await b.recordFailure(m);
      expect(await b.state(m)).toBe('open');
      expect(await b.acquire(m)).toBe('deny');

      t += 1000;
      expect(await b.state(m)).toBe('half_open');
      expect(await b.acquire(m)).toBe('probe');
      expect(await b.acquire(m)).toBe('deny'); // one probe at a time
      await b.recordFailure(m); // failed probe: open again for a full cooldown
      expect(await b.state(m)).toBe('open');
      expect(await b.acquire(m)).toBe('deny');

      t += 1000;
      expect(await b.acquire(m)).toBe('probe');
      await b.recordSuccess(m);
      expect(await b.state(m)).toBe('closed');
      expect(await b.acquire(m)).toBe('allow');
    });

    it('replaces a probe that never reported back', async () => {
      let t = 0;
      const b = createCircuitBreaker({
        store: makeStore(),
        config: { failureThreshold: 1, cooldownMs: 100 },
        now: () => t,
      });
      const m = `model-${randomUUID()}`;
      await b.recordFailure(m);
      t = 100;
      expect(await b.acquire(m)).toBe('probe');
      t = 150;
      expect(await b.acquire(m)).toBe('deny');
      t = 200;
      expect(await b.acquire(m)).toBe('probe');
    });
  });
}

breakerContract('memory circuit breaker', createMemoryBreakerStore);

const redisTest = redisForTests();
describe.skipIf(redisTest.skip)(`redis circuit breaker${redisTest.reason}`, () => {
  let redis: Redis;
  const prefix = `consailt-test:${randomUUID()}:breaker`;
  beforeAll(() => {
    redis = redisTest.connect();
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });
  breakerContract('contract', () => createRedisBreakerStore(redis, { prefix }));

  it('shares state between instances', async () => {
    const m = `model-${randomUUID()}`;
    const t = 5_000;
    const cfg = { failureThreshold: 2, cooldownMs: 1000 };
    const a = createCircuitBreaker({
      store: createRedisBreakerStore(redis, { prefix }),
      config: cfg,
      now: () => t,
    });
    const b = createCircuitBreaker({
      store: createRedisBreakerStore(redis, { prefix }),
      config: cfg,
      now: () => t,
    });
    await a.recordFailure(m);
    await b.recordFailure(m);
    expect(await a.acquire(m)).toBe('deny');
    expect(await b.state(m)).toBe('open');
  });
});
