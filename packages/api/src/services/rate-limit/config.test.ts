import { describe, expect, it } from 'vitest';
import { loadApiEnv } from '../../env';
import { limitForPlan, planLimits } from './config';
import { isRateLimitEnabled } from './index';

describe('rate limit configuration', () => {
  it('reads plan overrides from RATE_LIMIT_PLANS and keeps the other plans', () => {
    const env = loadApiEnv({
      NODE_ENV: 'development',
      RATE_LIMIT_PLANS: '{"team":{"capacity":600,"refillPerSecond":10}}',
    });
    const limits = planLimits(env.RATE_LIMIT_PLANS);
    expect(limitForPlan(limits, 'team')).toEqual({ capacity: 600, refillPerSecond: 10 });
    expect(limitForPlan(limits, 'free')).toEqual({ capacity: 60, refillPerSecond: 1 });
    // An unknown plan gets the team limits.
    expect(limitForPlan(limits, 'platinum')).toEqual({ capacity: 600, refillPerSecond: 10 });
  });

  it('refuses malformed overrides at boot, naming the variable', () => {
    expect(() => loadApiEnv({ NODE_ENV: 'development', RATE_LIMIT_PLANS: 'team=600' })).toThrow(
      /RATE_LIMIT_PLANS/,
    );
    expect(() =>
      loadApiEnv({
        NODE_ENV: 'development',
        RATE_LIMIT_PLANS: '{"team":{"capacity":-1,"refillPerSecond":1}}',
      }),
    ).toThrow(/RATE_LIMIT_PLANS/);
  });

  it('is on by default, off under NODE_ENV=test unless turned on', () => {
    expect(isRateLimitEnabled(loadApiEnv({ NODE_ENV: 'development' }))).toBe(true);
    expect(isRateLimitEnabled(loadApiEnv({ NODE_ENV: 'test' }))).toBe(false);
    expect(isRateLimitEnabled(loadApiEnv({ NODE_ENV: 'test', RATE_LIMIT_ENABLED: 'true' }))).toBe(true);
    expect(isRateLimitEnabled(loadApiEnv({ NODE_ENV: 'development', RATE_LIMIT_ENABLED: 'false' }))).toBe(
      false,
    );
  });
});
