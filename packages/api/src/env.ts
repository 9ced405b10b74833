import { aiEnvSchema } from '@consailt/ai';
import { ConfigError, dbEnvSchema, parseEnv, urlVar } from '@consailt/db';
import { z } from 'zod';
import { clerkEnvShape } from './auth/clerk-env';
import { QUEUE_NAMES } from './queue/contract';
import { ZPlanOverrides } from './services/rate-limit/config';

const concurrencyVars = Object.fromEntries(
  QUEUE_NAMES.map((q) => [
    `QUEUE_CONCURRENCY_${q.toUpperCase().replaceAll('-', '_')}`,
    z.coerce.number().int().min(1).max(64).optional(),
  ]),
);

export const apiEnvSchema = dbEnvSchema.extend(aiEnvSchema.shape).extend({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  REDIS_URL: urlVar('REDIS_URL', ['redis', 'rediss']).optional(),
  /** Secret for signing session cookies; required in production deployments. */
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  ...clerkEnvShape,
  /** Signing secret of the Clerk webhook endpoint (whsec_…). */
  CLERK_WEBHOOK_SECRET: z
    .string()
    .startsWith('whsec_', 'CLERK_WEBHOOK_SECRET must start with whsec_')
    .optional(),
  /** Clerk Backend API base URL (default Clerk's); tests point it at a local server. */
  CLERK_API_URL: z.url('CLERK_API_URL must be a URL').optional(),
  SENTRY_DSN: urlVar('SENTRY_DSN', ['http', 'https']).optional(),
  SENTRY_ENVIRONMENT: z.string().optional(),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Redis key prefix for BullMQ, so several deployments (or test runs) can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, 'QUEUE_PREFIX must be 1-40 lowercase letters, digits, - or _')
    .default('consailt'),
  QUEUE_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  QUEUE_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  QUEUE_BACKOFF_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  /** Run migrations when the process boots (always on in the embedded mode). */
  MIGRATE_ON_BOOT: z.stringbool().default(false),
  /** Seed the demo organization at boot (always on in the embedded mode). */
  SEED_DEMO_DATA: z.stringbool().default(false),
  APP_VERSION: z.string().default('0.1.0'),
  /** Job lock duration: a SIGKILLed worker's jobs are picked up again after this (stalled jobs). */
  QUEUE_LOCK_DURATION_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  /** How often workers check for stalled jobs. */
  QUEUE_STALLED_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(15_000),
  /** How long a stopping worker waits for in-flight jobs before releasing them. */
  WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(25_000),
  /** Comma-separated CIDRs a feed may resolve to although private (tests: 127.0.0.1/32). */
  FEED_FETCH_ALLOW_PRIVATE_CIDRS: z.string().optional(),
  /** Comma-separated host names whose feeds may resolve to private addresses (intranet feeds). */
  FEED_FETCH_ALLOW_HOSTS: z.string().optional(),
  FEED_FETCH_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(20_000),
  FEED_FETCH_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(200 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  FEED_FETCH_MAX_REDIRECTS: z.coerce.number().int().min(0).max(20).default(5),
  /** Consecutive failed polls after which a feed is paused. */
  FEED_MAX_CONSECUTIVE_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Rate limiting per API key and per user (default on; off under NODE_ENV=test unless set). */
  RATE_LIMIT_ENABLED: z.stringbool().optional(),
  /** JSON overriding per-plan token buckets: {"team":{"capacity":600,"refillPerSecond":10}}. */
  RATE_LIMIT_PLANS: z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'RATE_LIMIT_PLANS must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(ZPlanOverrides)
    .optional(),
  ...concurrencyVars,
});
export type ApiEnv = z.infer<typeof apiEnvSchema>;

let cached: ApiEnv | undefined;

/** Validated environment for the API and the worker; parsed once, errors name the variable. */
export function getApiEnv(): ApiEnv {
  cached ??= loadApiEnv();
  return cached;
}

/** Parse and check an environment (pure: tests pass their own source). */
export function loadApiEnv(source: NodeJS.ProcessEnv = process.env): ApiEnv {
  const env = parseEnv(apiEnvSchema, source);
  assertProductionAuth(env);
  return env;
}

/** Test hook: forget the parsed environment so a test can change process.env. */
export function resetApiEnvForTests(): void {
  cached = undefined;
}

export function isClerkConfigured(env: ApiEnv): boolean {
  return Boolean(env.CLERK_SECRET_KEY && env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY);
}

/**
 * A production deployment is NODE_ENV=production with a real database. The embedded mode runs
 * Next's production build too, but on PGlite it is a single-machine install, never a deployment.
 */
export function isProductionDeployment(env: ApiEnv): boolean {
  return env.NODE_ENV === 'production' && Boolean(env.DATABASE_URL);
}

export function isDevSignInAllowed(env: ApiEnv): boolean {
  return !isClerkConfigured(env) && !isProductionDeployment(env);
}

function assertProductionAuth(env: ApiEnv): void {
  if (isProductionDeployment(env) && !isClerkConfigured(env)) {
    throw new ConfigError(
      'Invalid configuration: production needs authentication: set CLERK_SECRET_KEY and NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY (development sign-in is disabled in production)',
    );
  }
  if (isProductionDeployment(env) && !env.SESSION_SECRET) {
    throw new ConfigError('Invalid configuration: SESSION_SECRET: required in production (32+ characters)');
  }
}

export function queueConcurrency(env: ApiEnv, queue: string): number {
  const key = `QUEUE_CONCURRENCY_${queue.toUpperCase().replaceAll('-', '_')}` as keyof ApiEnv;
  const value = env[key];
  return typeof value === 'number' ? value : env.QUEUE_CONCURRENCY;
}
