import { type DatabaseHandle, parseEnv } from '@consailt/db';
import { openTestDatabase, testRedisUrl } from '@consailt/db/testing';
import { DEV_SESSION_COOKIE, encodeSession } from './auth/dev-session';
import { createInnerContext, sessionSecret } from './context';
import { apiEnvSchema } from './env';
import { createCaller } from './routers/app-router';
import { createRuntime, type Runtime } from './runtime';
import { findUser } from './services/auth/sessions';

export { testRedisUrl };

/**
 * A runtime on the test database: real PostgreSQL when DATABASE_URL is set (PGlite otherwise), and
 * the in-process queue unless `redis` is asked for.
 */
export async function createTestRuntime(
  opts: {
    redisUrl?: string;
    forcePglite?: boolean;
    queuePrefix?: string;
    env?: Record<string, string>;
    /** A database opened by the caller (e.g. a benchmark that needs a bigger pool). */
    database?: DatabaseHandle;
  } = {},
): Promise<Runtime> {
  const database = opts.database ?? (await openTestDatabase({ forcePglite: opts.forcePglite }));
  const env = parseEnv(apiEnvSchema, {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    REDIS_URL: opts.redisUrl ?? '',
    QUEUE_BACKOFF_MS: '10',
    QUEUE_PREFIX: opts.queuePrefix ?? 'consailt-test',
    ...opts.env,
  });
  const runtime = await createRuntime(env, { database });
  runtime.startInProcessWorker();
  return runtime;
}

/** A tRPC caller acting as `userId` (optionally in `orgId`), through the real procedure builders. */
export async function callerAs(
  runtime: Runtime,
  userId: string | null,
  orgId?: string,
  opts: { signal?: AbortSignal } = {},
) {
  const user = userId ? await findUser(runtime.deps, userId) : null;
  const principal = user
    ? { kind: 'user' as const, user, via: 'dev-session' as const, sessionOrgId: orgId ?? null }
    : null;
  return createCaller(createInnerContext({ runtime, principal, requestedOrgId: orgId ?? null }), opts);
}

/** Cookie header for an HTTP request signed in as `userId`. */
export function sessionCookie(runtime: Runtime, userId: string, orgId?: string): string {
  return `${DEV_SESSION_COOKIE}=${encodeSession({ userId, orgId }, sessionSecret(runtime.env))}`;
}
