import { organizations } from '@consailt/db';
import { eq } from 'drizzle-orm';
import type { ApiEnv } from '../../env';
import type { Logger } from '../../logger';
import type { Actor, Deps } from '../types';
import { createMemoryRateLimiter, type RateLimitDecision, type RateLimiter } from './bucket';
import { limitForPlan, planLimits, procedureWeight } from './config';
import { createRedisRateLimiter } from './redis';

export { createMemoryRateLimiter, type RateLimitDecision, type RateLimiter, takeTokens } from './bucket';
export { DEFAULT_PLAN_LIMITS, PROCEDURE_WEIGHTS, procedureWeight, ZPlanOverrides } from './config';
export { createRedisRateLimiter } from './redis';

/** On by default; off under NODE_ENV=test unless a test turns it on (suites make many calls fast). */
export function isRateLimitEnabled(env: ApiEnv): boolean {
  return env.RATE_LIMIT_ENABLED ?? env.NODE_ENV !== 'test';
}

// One limiter per runtime environment: Redis when REDIS_URL is set, else in-process buckets.
const limiters = new WeakMap<ApiEnv, RateLimiter>();

export function getRateLimiter(env: ApiEnv): RateLimiter {
  let limiter = limiters.get(env);
  if (!limiter) {
    limiter = env.REDIS_URL
      ? createRedisRateLimiter({ url: env.REDIS_URL, prefix: env.QUEUE_PREFIX })
      : createMemoryRateLimiter();
    limiters.set(env, limiter);
  }
  return limiter;
}

const PLAN_TTL_MS = 60_000;
const plans = new Map<string, { plan: string | null; at: number }>();

/** The organization's plan, cached for a minute (plans change rarely; a stale minute is harmless). */
async function orgPlan(deps: Pick<Deps, 'db'>, orgId: string): Promise<string | null> {
  const hit = plans.get(orgId);
  if (hit && Date.now() - hit.at < PLAN_TTL_MS) return hit.plan;
  const [row] = await deps.db
    .select({ plan: organizations.plan })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const plan = row?.plan ?? null;
  if (plans.size > 10_000) plans.clear();
  plans.set(orgId, { plan, at: Date.now() });
  return plan;
}

/** Each API key has its own bucket; a user has one per organization (the plan is the org's). */
export function rateLimitKey(orgId: string, actor: Actor): string | null {
  switch (actor.kind) {
    case 'apiKey':
      return `key:${actor.apiKeyId}`;
    case 'user':
      return `user:${actor.userId}:${orgId}`;
    case 'system':
      return null;
  }
}

type LimitedCall = {
  env: ApiEnv;
  deps: Pick<Deps, 'db'>;
  logger: Logger;
  orgId: string;
  actor: Actor;
  path: string;
  type: string;
};

/** Applies `sign` × the call's weight to the caller's bucket; null when limiting does not apply. */
async function spend(
  call: LimitedCall,
  sign: 1 | -1,
  unavailable: string,
): Promise<RateLimitDecision | null> {
  if (!isRateLimitEnabled(call.env)) return null;
  const key = rateLimitKey(call.orgId, call.actor);
  if (!key) return null;
  try {
    const limit = limitForPlan(planLimits(call.env.RATE_LIMIT_PLANS), await orgPlan(call.deps, call.orgId));
    return await getRateLimiter(call.env).consume(key, sign * procedureWeight(call.path, call.type), limit);
  } catch (err) {
    call.logger.warn({ err }, unavailable);
    return null;
  }
}

/**
 * Spends the call's weight from the caller's bucket. Null when limiting is off or the caller is
 * the system. A limiter that cannot be reached lets the call through (logged): an outage of Redis
 * must not take the API down with it.
 */
export function consumeRateLimit(call: LimitedCall): Promise<RateLimitDecision | null> {
  return spend(call, 1, 'rate limiter unavailable; request allowed');
}

/**
 * Gives back what `consumeRateLimit` took, for a call the user should not pay for: one whose work
 * the server skipped because the client had gone (results as you type abort the searches the typing
 * moved past), or a search that continued the previous one. Best effort, like the limit itself.
 */
export async function refundRateLimit(call: LimitedCall): Promise<void> {
  await spend(call, -1, 'rate limiter unavailable; refund skipped');
}

/** The headers every surface sends: X-RateLimit-* always, Retry-After on a refusal. */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(decision.limit),
    'X-RateLimit-Remaining': String(decision.remaining),
    'X-RateLimit-Reset': String(decision.resetSeconds),
  };
  if (!decision.allowed) headers['Retry-After'] = String(decision.retryAfterSeconds);
  return headers;
}
