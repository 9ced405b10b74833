import { Redis } from 'ioredis';

/**
 * Redis for integration tests: REDIS_URL when set; on a developer machine without it the suite is
 * skipped with the reason in its name; in CI (`CI=true`) a missing REDIS_URL fails the suite.
 */
export function redisForTests(): { skip: boolean; reason: string; connect: () => Redis } {
  const url = process.env.REDIS_URL;
  const ci = process.env.CI === 'true';
  return {
    skip: !url && !ci,
    reason: url ? '' : ci ? ' (REDIS_URL missing in CI)' : ' (skipped: set REDIS_URL to run against Redis)',
    connect: () => {
      if (!url) throw new Error('REDIS_URL is required for the Redis tests in CI');
      return new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: false });
    },
  };
}
