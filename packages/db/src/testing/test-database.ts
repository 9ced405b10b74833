import { createDatabase, type DatabaseHandle } from '../client';

/**
 * Integration tests run against `DATABASE_URL` (a migrated PostgreSQL with pgvector) when set and
 * otherwise against an in-memory PGlite migrated from the same SQL. Tests isolate themselves by
 * creating their own organizations, so they can share one database and run in parallel.
 */
export async function openTestDatabase(opts: { forcePglite?: boolean } = {}): Promise<DatabaseHandle> {
  const url = opts.forcePglite ? undefined : (testDatabaseUrl() ?? undefined);
  const handle = await createDatabase(url ? { url, poolMax: 4 } : { dataDir: 'memory://' });
  await handle.migrate();
  return handle;
}

/**
 * PostgreSQL for tests: the URL, or null when absent on a developer machine (PGlite stands in, and
 * tests that need a second process on the same database skip with the reason). With CI=true a
 * missing PostgreSQL fails the run instead.
 */
export function testDatabaseUrl(): string | null {
  const url = process.env.DATABASE_URL || null;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but DATABASE_URL is not set: integration tests need a real PostgreSQL');
  }
  return url;
}

/**
 * Redis for tests: the URL, or null when absent on a developer machine (tests then skip with the
 * reason). With CI=true a missing Redis fails the run instead.
 */
export function testRedisUrl(): string | null {
  const url = process.env.REDIS_URL ?? null;
  if (!url && process.env.CI === 'true') {
    throw new Error('CI=true but REDIS_URL is not set: queue tests need a real Redis');
  }
  return url;
}
