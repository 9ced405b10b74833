import { randomUUID } from 'node:crypto';

/** Monthly limits for one call's org (and user). Null means "no limit". */
export type BudgetLimits = {
  orgHardMicroUsd: number | null;
  orgSoftMicroUsd: number | null;
  userHardMicroUsd: number | null;
};

export const NO_LIMITS: BudgetLimits = {
  orgHardMicroUsd: null,
  orgSoftMicroUsd: null,
  userHardMicroUsd: null,
};

export type ReserveInput = {
  orgId: string;
  userId: string | null;
  /** Budget period, `YYYY-MM` (UTC). */
  period: string;
  estimateMicroUsd: number;
  limits: BudgetLimits;
};

export type ReserveResult =
  | { ok: true; reservationId: string }
  | {
      ok: false;
      limit: 'org_hard' | 'user_hard';
      limitMicroUsd: number;
      /** Settled spend in the period (what the refusal message shows). */
      spentMicroUsd: number;
      /** Spend held by reservations in flight. */
      reservedMicroUsd: number;
    };

export type SpendSnapshot = {
  orgSpentMicroUsd: number;
  orgReservedMicroUsd: number;
  userSpentMicroUsd: number;
  userReservedMicroUsd: number;
};

/**
 * Atomic budget enforcement. A call reserves its worst-case cost before it runs, so concurrent
 * calls cannot together overshoot a hard limit; it then settles to the actual cost (or releases
 * the hold on failure). The check on reserve is `spent + reserved + estimate <= hard`.
 *
 * Implementations: memory (single process), Redis (Lua, shared), and Postgres in the api package
 * (a `SELECT … FOR UPDATE` on the budgets row, or a conditional `UPDATE … RETURNING`).
 */
export type BudgetStore = {
  reserve(input: ReserveInput): Promise<ReserveResult>;
  /**
   * Converts a reservation into spend. Returns `softLimitCrossed: true` exactly once per org and
   * period: on the settle that takes spend to or past the soft limit. Settling twice is a no-op.
   */
  settle(reservationId: string, actualMicroUsd: number): Promise<{ softLimitCrossed: boolean }>;
  /** Drops a reservation without spend (the call failed before any billable usage). */
  release(reservationId: string): Promise<void>;
  spend(q: { orgId: string; userId: string | null; period: string }): Promise<SpendSnapshot>;
};

/** `YYYY-MM` in UTC. */
export function budgetPeriod(at: Date = new Date()): string {
  return at.toISOString().slice(0, 7);
}

/** A reservation not settled within this time is presumed lost (crashed process) and expires. */
export const DEFAULT_RESERVATION_TTL_MS = 15 * 60_000;

type MemoryReservation = {
  orgId: string;
  userId: string | null;
  period: string;
  amount: number;
  softLimit: number | null;
  expiresAt: number;
  /** Expired holds are returned to the budget but remembered a day, so a late settle still counts. */
  expired: boolean;
};

const EXPIRED_MEMORY_MS = 24 * 3600_000;

type Counters = { spent: number; reserved: number; softAlerted: boolean };

/** In-process store: JavaScript's single thread makes each method atomic. */
export function createMemoryBudgetStore(
  opts: { reservationTtlMs?: number; now?: () => number } = {},
): BudgetStore {
  const ttl = opts.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
  const now = opts.now ?? Date.now;
  const counters = new Map<string, Counters>();
  const reservations = new Map<string, MemoryReservation>();

  const get = (key: string): Counters => {
    let c = counters.get(key);
    if (!c) {
      c = { spent: 0, reserved: 0, softAlerted: false };
      counters.set(key, c);
    }
    return c;
  };
  const orgKey = (orgId: string, period: string) => `${orgId}|${period}`;
  const userKey = (orgId: string, userId: string, period: string) => `${orgId}|${period}|${userId}`;

  const unhold = (r: MemoryReservation) => {
    if (r.expired) return;
    get(orgKey(r.orgId, r.period)).reserved -= r.amount;
    if (r.userId) get(userKey(r.orgId, r.userId, r.period)).reserved -= r.amount;
  };
  const sweep = () => {
    const t = now();
    for (const [id, r] of reservations) {
      if (!r.expired && r.expiresAt <= t) {
        unhold(r);
        r.expired = true;
      } else if (r.expired && r.expiresAt + EXPIRED_MEMORY_MS <= t) {
        reservations.delete(id);
      }
    }
  };

  return {
    async reserve({ orgId, userId, period, estimateMicroUsd, limits }) {
      sweep();
      const org = get(orgKey(orgId, period));
      const user = userId ? get(userKey(orgId, userId, period)) : null;
      const est = Math.max(0, Math.ceil(estimateMicroUsd));
      if (limits.orgHardMicroUsd !== null && org.spent + org.reserved + est > limits.orgHardMicroUsd) {
        return {
          ok: false,
          limit: 'org_hard',
          limitMicroUsd: limits.orgHardMicroUsd,
          spentMicroUsd: org.spent,
          reservedMicroUsd: org.reserved,
        };
      }
      if (
        user &&
        limits.userHardMicroUsd !== null &&
        user.spent + user.reserved + est > limits.userHardMicroUsd
      ) {
        return {
          ok: false,
          limit: 'user_hard',
          limitMicroUsd: limits.userHardMicroUsd,
          spentMicroUsd: user.spent,
          reservedMicroUsd: user.reserved,
        };
      }
      org.reserved += est;
      if (user) user.reserved += est;
      const id = randomUUID();
      reservations.set(id, {
        orgId,
        userId,
        period,
        amount: est,
        softLimit: limits.orgSoftMicroUsd,
        expiresAt: now() + ttl,
        expired: false,
      });
      return { ok: true, reservationId: id };
    },
    async settle(reservationId, actualMicroUsd) {
      const r = reservations.get(reservationId);
      if (!r) return { softLimitCrossed: false };
      reservations.delete(reservationId);
      unhold(r);
      const actual = Math.max(0, Math.round(actualMicroUsd));
      const org = get(orgKey(r.orgId, r.period));
      org.spent += actual;
      if (r.userId) get(userKey(r.orgId, r.userId, r.period)).spent += actual;
      if (r.softLimit !== null && !org.softAlerted && org.spent >= r.softLimit) {
        org.softAlerted = true;
        return { softLimitCrossed: true };
      }
      return { softLimitCrossed: false };
    },
    async release(reservationId) {
      const r = reservations.get(reservationId);
      if (!r) return;
      reservations.delete(reservationId);
      unhold(r);
    },
    async spend({ orgId, userId, period }) {
      sweep();
      const org = get(orgKey(orgId, period));
      const user = userId ? get(userKey(orgId, userId, period)) : null;
      return {
        orgSpentMicroUsd: org.spent,
        orgReservedMicroUsd: org.reserved,
        userSpentMicroUsd: user?.spent ?? 0,
        userReservedMicroUsd: user?.reserved ?? 0,
      };
    },
  };
}

/** The slice of an ioredis client the Redis stores use (so tests or other clients can stand in). */
export type RedisEvalClient = {
  eval(script: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  evalsha(sha: string, numKeys: number, ...args: (string | number)[]): Promise<unknown>;
  script(subcommand: 'LOAD', script: string): Promise<unknown>;
};

/**
 * Runs a Lua script by SHA (cached server-side), loading it on NOSCRIPT (after a Redis restart or
 * a failover to a replica that never saw it).
 */
export function luaScript(redis: RedisEvalClient, source: string) {
  let sha: string | null = null;
  return async (keys: string[], args: (string | number)[]): Promise<unknown> => {
    if (sha) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      }
    }
    sha = String(await redis.script('LOAD', source));
    return redis.evalsha(sha, keys.length, ...keys, ...args);
  };
}

// KEYS: 1 org hash, 2 user hash (or a dummy when no user), 3 reservation zset, 4 reservation hash
// ARGV: 1 estimate, 2 org hard (-1 none), 3 user hard (-1 none), 4 has user (0/1), 5 now ms,
//       6 expires at ms, 7 soft limit (-1 none), 8 reservation id, 9 counter ttl seconds,
//       10 reservation key prefix, 11 reservation hash ttl seconds (hold ttl + a day for late settles)
// Expired reservations of the org/period are swept first so a crashed caller's hold is returned.
const RESERVE_LUA = `
local now = tonumber(ARGV[5])
local expired = redis.call('ZRANGEBYSCORE', KEYS[3], '-inf', now)
for _, rid in ipairs(expired) do
  local rkey = ARGV[10] .. rid
  local amount = tonumber(redis.call('HGET', rkey, 'amount') or '0')
  local ukey = redis.call('HGET', rkey, 'ukey')
  if redis.call('HGET', rkey, 'state') == 'active' then
    redis.call('HINCRBY', KEYS[1], 'reserved', -amount)
    if ukey and ukey ~= '' then redis.call('HINCRBY', ukey, 'reserved', -amount) end
    redis.call('HSET', rkey, 'state', 'expired')
  end
  redis.call('ZREM', KEYS[3], rid)
end
local est = tonumber(ARGV[1])
local ospent = tonumber(redis.call('HGET', KEYS[1], 'spent') or '0')
local ores = tonumber(redis.call('HGET', KEYS[1], 'reserved') or '0')
local ohard = tonumber(ARGV[2])
if ohard >= 0 and ospent + ores + est > ohard then
  return {0, 'org_hard', ohard, ospent, ores}
end
local hasUser = ARGV[4] == '1'
if hasUser then
  local uspent = tonumber(redis.call('HGET', KEYS[2], 'spent') or '0')
  local ures = tonumber(redis.call('HGET', KEYS[2], 'reserved') or '0')
  local uhard = tonumber(ARGV[3])
  if uhard >= 0 and uspent + ures + est > uhard then
    return {0, 'user_hard', uhard, uspent, ures}
  end
  redis.call('HINCRBY', KEYS[2], 'reserved', est)
  redis.call('EXPIRE', KEYS[2], ARGV[9])
end
redis.call('HINCRBY', KEYS[1], 'reserved', est)
redis.call('EXPIRE', KEYS[1], ARGV[9])
redis.call('HSET', KEYS[4], 'state', 'active', 'amount', est, 'okey', KEYS[1], 'ukey', hasUser and KEYS[2] or '', 'soft', ARGV[7], 'zkey', KEYS[3])
redis.call('EXPIRE', KEYS[4], ARGV[11])
redis.call('ZADD', KEYS[3], ARGV[6], ARGV[8])
redis.call('EXPIRE', KEYS[3], ARGV[9])
return {1}
`;

// KEYS: 1 reservation hash. ARGV: 1 actual (-1 = release), 2 reservation id.
// The org/user/zset keys are read from the reservation rather than passed in KEYS; every one of
// them carries the same \`{orgId}\` hash tag, so they live in the script's cluster slot.
const SETTLE_LUA = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state or state == 'done' then return 0 end
local okey = redis.call('HGET', KEYS[1], 'okey')
local ukey = redis.call('HGET', KEYS[1], 'ukey')
local amount = tonumber(redis.call('HGET', KEYS[1], 'amount') or '0')
if state == 'active' then
  redis.call('HINCRBY', okey, 'reserved', -amount)
  if ukey ~= '' then redis.call('HINCRBY', ukey, 'reserved', -amount) end
  redis.call('ZREM', redis.call('HGET', KEYS[1], 'zkey'), ARGV[2])
end
redis.call('HSET', KEYS[1], 'state', 'done')
redis.call('EXPIRE', KEYS[1], 86400)
local actual = tonumber(ARGV[1])
if actual < 0 then return 0 end
local spent = redis.call('HINCRBY', okey, 'spent', actual)
if ukey ~= '' then redis.call('HINCRBY', ukey, 'spent', actual) end
local soft = tonumber(redis.call('HGET', KEYS[1], 'soft') or '-1')
if soft >= 0 and spent >= soft and redis.call('HSETNX', okey, 'soft_alerted', '1') == 1 then
  return 1
end
return 0
`;

/**
 * Redis-backed store. Keys carry the org in a hash tag (`{org}`) so every key one script touches
 * lives in one cluster slot; counters expire ~2 months after the period's last write.
 */
export function createRedisBudgetStore(
  redis: RedisEvalClient & { hmget(key: string, ...fields: string[]): Promise<(string | null)[]> },
  opts: { prefix?: string; reservationTtlMs?: number; now?: () => number } = {},
): BudgetStore {
  const prefix = opts.prefix ?? 'consailt:budget';
  const ttlMs = opts.reservationTtlMs ?? DEFAULT_RESERVATION_TTL_MS;
  const now = opts.now ?? Date.now;
  const keyTtlSeconds = 62 * 24 * 3600;
  const reserveScript = luaScript(redis, RESERVE_LUA);
  const settleScript = luaScript(redis, SETTLE_LUA);

  const orgKey = (orgId: string, period: string) => `${prefix}:{${orgId}}:${period}:org`;
  const userKey = (orgId: string, period: string, userId: string) =>
    `${prefix}:{${orgId}}:${period}:user:${userId}`;
  const zKey = (orgId: string, period: string) => `${prefix}:{${orgId}}:${period}:res`;
  const resPrefix = (orgId: string) => `${prefix}:{${orgId}}:r:`;
  // The reservation id carries the org so settle can build the cluster-slot-safe key.
  const resKeyFromId = (reservationId: string) => {
    const sep = reservationId.lastIndexOf('/');
    return { key: `${resPrefix(reservationId.slice(0, sep))}${reservationId}`, id: reservationId };
  };

  const finish = async (reservationId: string, actual: number) => {
    const { key, id } = resKeyFromId(reservationId);
    return Number(await settleScript([key], [actual, id]));
  };

  return {
    async reserve({ orgId, userId, period, estimateMicroUsd, limits }) {
      const id = `${orgId}/${randomUUID()}`;
      const t = now();
      const est = Math.max(0, Math.ceil(estimateMicroUsd));
      const res = (await reserveScript(
        [
          orgKey(orgId, period),
          userId ? userKey(orgId, period, userId) : `${orgKey(orgId, period)}:nouser`,
          zKey(orgId, period),
          `${resPrefix(orgId)}${id}`,
        ],
        [
          est,
          limits.orgHardMicroUsd ?? -1,
          limits.userHardMicroUsd ?? -1,
          userId ? 1 : 0,
          t,
          t + ttlMs,
          limits.orgSoftMicroUsd ?? -1,
          id,
          keyTtlSeconds,
          resPrefix(orgId),
          Math.ceil(ttlMs / 1000) + 86_400,
        ],
      )) as [number, string?, number?, number?, number?];
      if (res[0] === 1) return { ok: true, reservationId: id };
      return {
        ok: false,
        limit: res[1] === 'user_hard' ? 'user_hard' : 'org_hard',
        limitMicroUsd: Number(res[2]),
        spentMicroUsd: Number(res[3]),
        reservedMicroUsd: Number(res[4]),
      };
    },
    async settle(reservationId, actualMicroUsd) {
      const crossed = await finish(reservationId, Math.max(0, Math.round(actualMicroUsd)));
      return { softLimitCrossed: crossed === 1 };
    },
    async release(reservationId) {
      await finish(reservationId, -1);
    },
    async spend({ orgId, userId, period }) {
      const [os, or] = await redis.hmget(orgKey(orgId, period), 'spent', 'reserved');
      const [us, ur] = userId
        ? await redis.hmget(userKey(orgId, period, userId), 'spent', 'reserved')
        : [null, null];
      return {
        orgSpentMicroUsd: Number(os ?? 0),
        orgReservedMicroUsd: Number(or ?? 0),
        userSpentMicroUsd: Number(us ?? 0),
        userReservedMicroUsd: Number(ur ?? 0),
      };
    },
  };
}
