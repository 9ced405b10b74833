import { randomUUID } from 'node:crypto';
import { createMember, testRedisUrl } from '@consailt/db/testing';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, startApiFixture } from '../../rest/fixture';
import { callerAs, sessionCookie } from '../../testing';
import { createRedisRateLimiter } from './redis';

const redisUrl = testRedisUrl();
// A slow refill (one token per 5 s) keeps the count-down deterministic on a loaded machine.
const PLANS = JSON.stringify({ team: { capacity: 20, refillPerSecond: 0.2 } });

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.skipIf(!redisUrl)('Redis token bucket (needs REDIS_URL)', () => {
  const limiter = createRedisRateLimiter({ url: redisUrl ?? '', prefix: `rl-test-${randomUUID()}` });
  afterAll(() => limiter.close());

  it('is atomic under concurrent calls: exactly the capacity is granted', async () => {
    const decisions = await Promise.all(
      Array.from({ length: 40 }, () => limiter.consume('burst', 1, { capacity: 10, refillPerSecond: 0.01 })),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
    const refused = decisions.find((d) => !d.allowed);
    expect(refused).toMatchObject({ remaining: 0, limit: 10 });
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });

  it('gives tokens back for a negative cost, never beyond the capacity', async () => {
    const limit = { capacity: 10, refillPerSecond: 0.01 };
    expect(await limiter.consume('refund', 6, limit)).toMatchObject({ allowed: true, remaining: 4 });
    expect(await limiter.consume('refund', -2, limit)).toMatchObject({ allowed: true, remaining: 6 });
    expect(await limiter.consume('refund', -50, limit)).toMatchObject({ allowed: true, remaining: 10 });
  });

  it('refills at the configured rate', async () => {
    const limit = { capacity: 2, refillPerSecond: 10 };
    await limiter.consume('refill', 2, limit);
    expect((await limiter.consume('refill', 2, limit)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 250));
    expect((await limiter.consume('refill', 2, limit)).allowed).toBe(true);
  });
});

const backends = [
  { name: 'in-process', redisUrl: undefined },
  ...(redisUrl ? [{ name: 'Redis', redisUrl }] : []),
];

describe.each(backends)('rate limits on every surface ($name)', ({ redisUrl: url }) => {
  let f: ApiFixture;
  const keys: string[] = [];
  beforeAll(async () => {
    f = await startApiFixture({
      redisUrl: url,
      env: { RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_PLANS: PLANS },
    });
    // Created up front: the owner's own bucket is emptied by one of the tests.
    const owner = await callerAs(f.runtime, f.ownerId, f.orgId);
    for (let i = 0; i < 3; i++)
      keys.push((await owner.apiKeys.create({ name: `rl-${i}`, scopes: ['knowledge:read', 'ai:use'] })).key);
  });
  afterAll(() => f?.close());

  const trpcGet = (key: string | null, id: string, cookie?: string) =>
    fetch(`${f.url}/api/trpc/knowledge.byId?input=${encodeURIComponent(superjson.stringify({ id }))}`, {
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(cookie ? { cookie } : {}) },
    });
  const restGet = (key: string) =>
    fetch(`${f.url}/api/v1/knowledge/${f.entryId}`, { headers: { authorization: `Bearer ${key}` } });
  const mcpCall = (key: string) =>
    fetch(`${f.url}/api/mcp`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${key}`,
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'get_entry', arguments: { id: f.entryId } },
      }),
    });
  const newKey = async () => {
    const key = keys.pop();
    if (!key) throw new Error('out of keys');
    return key;
  };

  it('counts down, answers 429 with Retry-After on tRPC, REST and MCP alike, then recovers', async () => {
    const key = await newKey();
    const remaining: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await trpcGet(key, f.entryId);
      if (res.status !== 200) break;
      expect(res.headers.get('x-ratelimit-limit')).toBe('20');
      remaining.push(Number(res.headers.get('x-ratelimit-remaining')));
    }
    // Refill (0.2/s) may hand back a token while the loop runs on a slow machine, never more.
    expect(remaining.length).toBeGreaterThanOrEqual(19);
    expect(remaining[0]).toBe(19);
    const drain = async (res: Response) => (res.status === 200 ? null : res);
    let refused: Response | null = null;
    for (let i = 0; i < 40 && !refused; i++) refused = await drain(await trpcGet(key, f.entryId));
    if (!refused) throw new Error('never rate limited');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const trpcError = (await refused.json()) as {
      error: { json: { data: { code: string; retryAfterSeconds: number } } };
    };
    expect(trpcError.error.json.data).toMatchObject({ code: 'TOO_MANY_REQUESTS' });

    // The bucket is the key's, whatever the door.
    const rest = await restGet(key);
    expect(rest.status).toBe(429);
    expect(rest.headers.get('retry-after')).not.toBeNull();
    expect(((await rest.json()) as { error: { code: string } }).error.code).toBe('TOO_MANY_REQUESTS');
    const mcp = await mcpCall(key);
    expect(mcp.status).toBe(429);
    expect(mcp.headers.get('retry-after')).not.toBeNull();

    // Tokens come back (one per 5 s): a read succeeds again on each door.
    await until('a tRPC read after refill', async () => (await trpcGet(key, f.entryId)).status === 200);
    await until('a REST read after refill', async () => (await restGet(key)).status === 200);
  });

  it('limits each user in their own bucket, apart from API keys', async () => {
    const cookie = sessionCookie(f.runtime, f.ownerId, f.orgId);
    let status = 200;
    for (let i = 0; i < 30 && status === 200; i++) status = (await trpcGet(null, f.entryId, cookie)).status;
    expect(status).toBe(429);
    expect((await trpcGet(await newKey(), f.entryId)).status).toBe(200);
  });

  /** A new member (a fresh bucket), and a read that reports how many of its tokens are left. */
  async function freshMember(role: 'member' | 'viewer' = 'member') {
    const member = (await createMember(f.runtime.database.db, { orgId: f.orgId, role })).user.id;
    const cookie = sessionCookie(f.runtime, member, f.orgId);
    const remaining = async () =>
      Number((await trpcGet(null, f.entryId, cookie)).headers.get('x-ratelimit-remaining'));
    return { member, remaining };
  }

  it('gives back the tokens of a search the client abandoned before it ran', async () => {
    const { member, remaining } = await freshMember();
    const start = await remaining();
    // Results as you type: the browser aborts the searches the typing moved past.
    const gone = new AbortController();
    gone.abort();
    const abandoned = await callerAs(f.runtime, member, f.orgId, { signal: gone.signal });
    await expect(abandoned.search.query({ query: 'pricing', mode: 'lexical' })).rejects.toMatchObject({
      code: 'CLIENT_CLOSED_REQUEST',
    });
    // Only the read that reports the count was spent (the bucket refills 1 token per 5 s).
    expect(await remaining()).toBe(start - 1);
    const finished = await callerAs(f.runtime, member, f.orgId);
    await finished.search.query({ query: 'pricing', mode: 'lexical' });
    expect(await remaining()).toBe(start - 1 - 2 - 1);
  });

  it('charges a query typed as you type as one search, not one per pause', async () => {
    const { member, remaining } = await freshMember();
    const start = await remaining();
    const caller = await callerAs(f.runtime, member, f.orgId);
    // The page sends a search at each pause; each extends the previous one within seconds.
    for (const query of ['pri', 'pricing', 'pricing work', 'pricing workshop'])
      await caller.search.query({ query, mode: 'lexical' });
    // One search (2) and the read that reports the count (1).
    expect(await remaining()).toBe(start - 2 - 1);
    // A new query (not a continuation) is a new search, charged again.
    await caller.search.query({ query: 'onboarding', mode: 'lexical' });
    expect(await remaining()).toBe(start - 3 - 2 - 1);
  });

  it('refuses a call without the scope before it takes any tokens', async () => {
    const { member, remaining } = await freshMember('viewer');
    const start = await remaining();
    const viewer = await callerAs(f.runtime, member, f.orgId);
    for (let i = 0; i < 3; i++)
      await expect(
        viewer.knowledge.create({ title: 'Not for viewers', body: 'Viewers read; they do not write.' }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Only the read that reports the count was spent.
    expect(await remaining()).toBe(start - 1);
  });

  it('weighs an answer as ten reads', async () => {
    const key = await newKey();
    const res = await fetch(`${f.url}/api/v1/ask`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'When do new consultants shadow a partner?' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-remaining')).toBe('10');
    const read = await restGet(key);
    expect(Number(read.headers.get('x-ratelimit-remaining'))).toBeLessThanOrEqual(10);
  });
});
