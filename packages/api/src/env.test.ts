import { ConfigError } from '@consailt/db';
import { describe, expect, it } from 'vitest';
import { isDevSignInAllowed, loadApiEnv, queueConcurrency } from './env';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('API environment', () => {
  it('defaults to the embedded mode when nothing is configured', () => {
    const env = loadApiEnv({});
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
    expect(isDevSignInAllowed(env)).toBe(true);
  });

  it('rejects a malformed DATABASE_URL with one line naming it', () => {
    const error = errorOf(() => loadApiEnv({ DATABASE_URL: 'mysql://nope' }));
    expect(error.message).toMatch(/^Invalid configuration: DATABASE_URL: /);
    expect(error.message).not.toContain('\n');
  });

  it('rejects a malformed REDIS_URL with one line naming it', () => {
    const error = errorOf(() => loadApiEnv({ REDIS_URL: 'localhost:6379' }));
    expect(error.message).toMatch(/^Invalid configuration: REDIS_URL: /);
    expect(error.message).not.toContain('\n');
  });

  it('treats empty strings as unset', () => {
    expect(loadApiEnv({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('refuses to boot a production deployment without authentication, saying what to set', () => {
    const error = errorOf(() =>
      loadApiEnv({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db.internal/consailt' }),
    );
    expect(error.message).toContain('CLERK_SECRET_KEY');
    expect(error.message).toContain('NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY');
  });

  it('never allows development sign-in in production or when Clerk is configured', () => {
    const prod = loadApiEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db.internal/consailt',
      CLERK_SECRET_KEY: 'sk_test_x',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_x',
      SESSION_SECRET: 'x'.repeat(32),
    });
    expect(isDevSignInAllowed(prod)).toBe(false);
    const clerkDev = loadApiEnv({
      CLERK_SECRET_KEY: 'sk_test_x',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_x',
    });
    expect(isDevSignInAllowed(clerkDev)).toBe(false);
  });

  it('reads per-queue concurrency with a global default', () => {
    const env = loadApiEnv({ QUEUE_CONCURRENCY: '3', QUEUE_CONCURRENCY_INGEST_ENTRY: '7' });
    expect(queueConcurrency(env, 'ingest-entry')).toBe(7);
    expect(queueConcurrency(env, 'rss-poll')).toBe(3);
    expect(() => loadApiEnv({ QUEUE_CONCURRENCY_RSS_POLL: '0' })).toThrow(/QUEUE_CONCURRENCY_RSS_POLL/);
  });
});
