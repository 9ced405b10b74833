import type { BucketLimit } from './config';

/** The outcome of spending `cost` tokens from a bucket; numbers are what the X-RateLimit-* headers say. */
export type RateLimitDecision = {
  allowed: boolean;
  limit: number;
  /** Whole tokens left after this call. */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until `cost` tokens are available (0 when allowed). */
  retryAfterSeconds: number;
};

export type RateLimiter = {
  readonly kind: 'redis' | 'memory';
  consume(key: string, cost: number, limit: BucketLimit): Promise<RateLimitDecision>;
  close(): Promise<void>;
};

export type BucketState = { tokens: number; updatedAtMs: number };

/**
 * One token-bucket step, shared by the in-process limiter and (transcribed) the Redis script:
 * refill for the time elapsed, then spend `cost` if there is enough. A cost above the capacity is
 * clamped to it, so an expensive call is possible on a full bucket instead of never. A negative
 * cost gives tokens back (a call whose work was skipped), never beyond the capacity.
 */
export function takeTokens(
  state: BucketState | null,
  nowMs: number,
  cost: number,
  limit: BucketLimit,
): { state: BucketState; decision: RateLimitDecision } {
  const spend = Math.min(cost, limit.capacity);
  const elapsed = state ? Math.max(0, nowMs - state.updatedAtMs) / 1000 : 0;
  const available = state
    ? Math.min(limit.capacity, state.tokens + elapsed * limit.refillPerSecond)
    : limit.capacity;
  const allowed = available >= spend;
  const tokens = allowed ? Math.min(limit.capacity, available - spend) : available;
  return {
    state: { tokens, updatedAtMs: nowMs },
    decision: {
      allowed,
      limit: limit.capacity,
      remaining: Math.floor(tokens),
      resetSeconds: Math.ceil((limit.capacity - tokens) / limit.refillPerSecond),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil((spend - tokens) / limit.refillPerSecond)),
    },
  };
}

/** In-process buckets for the embedded mode (one process, so one map is the whole truth). */
export function createMemoryRateLimiter(opts: { now?: () => number; maxKeys?: number } = {}): RateLimiter {
  const now = opts.now ?? Date.now;
  const maxKeys = opts.maxKeys ?? 100_000;
  const buckets = new Map<string, BucketState>();
  return {
    kind: 'memory',
    async consume(key, cost, limit) {
      const { state, decision } = takeTokens(buckets.get(key) ?? null, now(), cost, limit);
      // Re-inserting keeps the map in least-recently-used order, so the oldest bucket goes first.
      buckets.delete(key);
      buckets.set(key, state);
      if (buckets.size > maxKeys) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return decision;
    },
    async close() {
      buckets.clear();
    },
  };
}
