import { Redis } from 'ioredis';
import type { RateLimiter } from './bucket';

/**
 * The token bucket as one Lua script, so read-refill-spend-write is atomic across every web
 * process sharing the Redis. Time comes from the Redis server (`TIME`), not from each process,
 * so clock skew between machines cannot mint tokens. Same arithmetic as `takeTokens` (a negative
 * cost refunds).
 * KEYS[1] bucket; ARGV: cost, capacity, refill per second. Returns {allowed, tokens*1000}.
 */
const SCRIPT = `
local capacity = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local cost = math.min(tonumber(ARGV[1]), capacity)
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = capacity
if state[1] then
  local elapsed = math.max(0, now - tonumber(state[2])) / 1000
  tokens = math.min(capacity, tonumber(state[1]) + elapsed * rate)
end
local allowed = 0
if tokens >= cost then
  tokens = math.min(capacity, tokens - cost)
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'ts', tostring(now))
-- A bucket left alone refills completely; after that it carries no information.
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
return {allowed, math.floor(tokens * 1000)}
`;

type WithBucket = Redis & {
  consumeBucket(key: string, cost: number, capacity: number, rate: number): Promise<[number, number]>;
};

export function createRedisRateLimiter(opts: { url?: string; client?: Redis; prefix: string }): RateLimiter {
  const owned = !opts.client;
  const redis = (opts.client ??
    new Redis(opts.url ?? '', {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: true,
      lazyConnect: false,
    })) as WithBucket;
  redis.defineCommand('consumeBucket', { numberOfKeys: 1, lua: SCRIPT });
  return {
    kind: 'redis',
    async consume(key, cost, limit) {
      const [allowed, milliTokens] = await redis.consumeBucket(
        `${opts.prefix}:rl:${key}`,
        cost,
        limit.capacity,
        limit.refillPerSecond,
      );
      const tokens = milliTokens / 1000;
      const spend = Math.min(cost, limit.capacity);
      return {
        allowed: allowed === 1,
        limit: limit.capacity,
        remaining: Math.floor(tokens),
        resetSeconds: Math.ceil((limit.capacity - tokens) / limit.refillPerSecond),
        retryAfterSeconds:
          allowed === 1 ? 0 : Math.max(1, Math.ceil((spend - tokens) / limit.refillPerSecond)),
      };
    },
    async close() {
      if (owned) await redis.quit().catch(() => {});
    },
  };
}
