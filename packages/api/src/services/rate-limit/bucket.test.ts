import { describe, expect, it } from 'vitest';
import { createMemoryRateLimiter, takeTokens } from './bucket';
import { procedureWeight } from './config';

const limit = { capacity: 10, refillPerSecond: 2 };

describe('token bucket', () => {
  it('spends the burst, refuses with the time until enough tokens, then refills', async () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter({ now: () => now });
    for (let i = 9; i >= 0; i--) {
      const d = await limiter.consume('k', 1, limit);
      expect(d).toMatchObject({ allowed: true, remaining: i, limit: 10 });
    }
    const refused = await limiter.consume('k', 3, limit);
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 2, resetSeconds: 5 });
    now += 1500; // 3 tokens back
    expect(await limiter.consume('k', 3, limit)).toMatchObject({ allowed: true, remaining: 0 });
    now += 60_000;
    expect(await limiter.consume('k', 1, limit)).toMatchObject({ allowed: true, remaining: 9 });
    // Buckets are per key.
    expect(await limiter.consume('other', 10, limit)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('gives tokens back for a negative cost, never beyond the capacity', async () => {
    const now = 1_000_000;
    const limiter = createMemoryRateLimiter({ now: () => now });
    expect(await limiter.consume('k', 6, limit)).toMatchObject({ allowed: true, remaining: 4 });
    expect(await limiter.consume('k', -2, limit)).toMatchObject({ allowed: true, remaining: 6 });
    expect(await limiter.consume('k', -50, limit)).toMatchObject({ allowed: true, remaining: 10 });
    expect(await limiter.consume('k', 10, limit)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('clamps a cost above the capacity so it is possible on a full bucket', () => {
    const { decision } = takeTokens(null, 0, 50, limit);
    expect(decision).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('weighs AI calls more than writes, and writes more than reads', () => {
    expect(procedureWeight('ask.send', 'mutation')).toBeGreaterThan(
      procedureWeight('knowledge.create', 'mutation'),
    );
    expect(procedureWeight('knowledge.create', 'mutation')).toBeGreaterThan(
      procedureWeight('knowledge.byId', 'query'),
    );
  });
});
