import { luaScript, type RedisEvalClient } from './budget';

export type CircuitState = 'closed' | 'open' | 'half_open';

export type BreakerConfig = {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one probe is let through. */
  cooldownMs: number;
};

export const DEFAULT_BREAKER_CONFIG: BreakerConfig = { failureThreshold: 5, cooldownMs: 30_000 };

/** `allow`: call normally; `probe`: this caller is the half-open probe; `deny`: circuit open. */
export type BreakerDecision = 'allow' | 'probe' | 'deny';

/**
 * Where circuit state lives. Every method is atomic for one model id; `now` is passed in so all
 * instances (and tests) agree on time.
 */
export type BreakerStateStore = {
  acquire(modelId: string, now: number, cfg: BreakerConfig): Promise<BreakerDecision>;
  success(modelId: string): Promise<void>;
  failure(modelId: string, now: number, cfg: BreakerConfig): Promise<void>;
  state(modelId: string, now: number, cfg: BreakerConfig): Promise<CircuitState>;
};

export type CircuitBreaker = {
  /** Whether a call to the model may go ahead (and whether it is the half-open probe). */
  acquire(modelId: string): Promise<BreakerDecision>;
  recordSuccess(modelId: string): Promise<void>;
  recordFailure(modelId: string): Promise<void>;
  state(modelId: string): Promise<CircuitState>;
};

export function createCircuitBreaker(
  opts: { store?: BreakerStateStore; config?: Partial<BreakerConfig>; now?: () => number } = {},
): CircuitBreaker {
  const store = opts.store ?? createMemoryBreakerStore();
  const cfg = { ...DEFAULT_BREAKER_CONFIG, ...opts.config };
  const now = opts.now ?? Date.now;
  return {
    acquire: (m) => store.acquire(m, now(), cfg),
    recordSuccess: (m) => store.success(m),
    recordFailure: (m) => store.failure(m, now(), cfg),
    state: (m) => store.state(m, now(), cfg),
  };
}

type Entry = { failures: number; openedAt: number | null; probeAt: number | null };

/**
 * Closed → (threshold consecutive failures) → open → (cooldown) → half-open: exactly one probe
 * is allowed; its success closes the circuit, its failure re-opens it for another cooldown. A probe
 * that never reports back (crashed caller) is replaced after one more cooldown.
 */
export function createMemoryBreakerStore(): BreakerStateStore {
  const entries = new Map<string, Entry>();
  const get = (m: string) => {
    let e = entries.get(m);
    if (!e) {
      e = { failures: 0, openedAt: null, probeAt: null };
      entries.set(m, e);
    }
    return e;
  };
  const stateOf = (e: Entry, now: number, cfg: BreakerConfig): CircuitState => {
    if (e.openedAt === null) return 'closed';
    return now - e.openedAt >= cfg.cooldownMs ? 'half_open' : 'open';
  };
  return {
    async acquire(m, now, cfg) {
      const e = get(m);
      const s = stateOf(e, now, cfg);
      if (s === 'closed') return 'allow';
      if (s === 'open') return 'deny';
      if (e.probeAt !== null && now - e.probeAt < cfg.cooldownMs) return 'deny';
      e.probeAt = now;
      return 'probe';
    },
    async success(m) {
      entries.set(m, { failures: 0, openedAt: null, probeAt: null });
    },
    async failure(m, now, cfg) {
      const e = get(m);
      if (e.openedAt !== null) {
        // A failed probe (or a straggler from before the circuit opened) restarts the cooldown.
        e.openedAt = now;
        e.probeAt = null;
        return;
      }
      e.failures += 1;
      if (e.failures >= cfg.failureThreshold) {
        e.openedAt = now;
        e.probeAt = null;
      }
    },
    async state(m, now, cfg) {
      return stateOf(get(m), now, cfg);
    },
  };
}

// KEYS: 1 breaker hash. ARGV: 1 now, 2 cooldown ms. Returns 'allow' | 'probe' | 'deny'.
const ACQUIRE_LUA = `
local opened = redis.call('HGET', KEYS[1], 'opened')
if not opened then return 'allow' end
local now = tonumber(ARGV[1])
local cooldown = tonumber(ARGV[2])
if now - tonumber(opened) < cooldown then return 'deny' end
local probe = redis.call('HGET', KEYS[1], 'probe')
if probe and now - tonumber(probe) < cooldown then return 'deny' end
redis.call('HSET', KEYS[1], 'probe', ARGV[1])
return 'probe'
`;

// KEYS: 1 breaker hash. ARGV: 1 now, 2 threshold, 3 ttl seconds.
const FAILURE_LUA = `
if redis.call('HEXISTS', KEYS[1], 'opened') == 1 then
  redis.call('HSET', KEYS[1], 'opened', ARGV[1])
  redis.call('HDEL', KEYS[1], 'probe')
else
  local f = redis.call('HINCRBY', KEYS[1], 'failures', 1)
  if f >= tonumber(ARGV[2]) then
    redis.call('HSET', KEYS[1], 'opened', ARGV[1])
    redis.call('HDEL', KEYS[1], 'probe')
  end
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** Circuit state shared by every process through Redis (one hash per model). */
export function createRedisBreakerStore(
  redis: RedisEvalClient & {
    del(key: string): Promise<unknown>;
    hget(key: string, field: string): Promise<string | null>;
  },
  opts: { prefix?: string } = {},
): BreakerStateStore {
  const prefix = opts.prefix ?? 'consailt:breaker';
  const acquire = luaScript(redis, ACQUIRE_LUA);
  const failure = luaScript(redis, FAILURE_LUA);
  const key = (m: string) => `${prefix}:${m}`;
  return {
    async acquire(m, now, cfg) {
      const r = String(await acquire([key(m)], [now, cfg.cooldownMs]));
      return r === 'probe' ? 'probe' : r === 'deny' ? 'deny' : 'allow';
    },
    async success(m) {
      await redis.del(key(m));
    },
    async failure(m, now, cfg) {
      // Failures older than a few cooldowns say nothing about the model now; let them expire.
      await failure([key(m)], [now, cfg.failureThreshold, Math.ceil((cfg.cooldownMs * 10) / 1000)]);
    },
    async state(m, now, cfg) {
      const opened = await redis.hget(key(m), 'opened');
      if (opened === null) return 'closed';
      return now - Number(opened) >= cfg.cooldownMs ? 'half_open' : 'open';
    },
  };
}
