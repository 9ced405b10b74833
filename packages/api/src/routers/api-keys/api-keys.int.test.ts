import { apiKeys } from '@consailt/db';
import { createEntry, createMember, createOrg } from '@consailt/db/testing';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { eq } from 'drizzle-orm';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTRPCContext } from '../../context';
import { type Runtime, setRuntimeForTests } from '../../runtime';
import { API_KEY_CACHE_TTL_MS } from '../../services/api-keys/key-cache';
import { callerAs, createTestRuntime } from '../../testing';
import { appRouter } from '../app-router';

/** Call a procedure over the real fetch adapter, as the web route handler does. */
async function http(
  path: string,
  opts: { headers?: Record<string, string>; input?: unknown; mutation?: boolean },
) {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(opts.input ?? null)));
  const url = `http://test/api/trpc/${path}${opts.mutation ? '' : `?input=${encoded}`}`;
  const req = new Request(url, {
    method: opts.mutation ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: opts.mutation ? JSON.stringify(superjson.serialize(opts.input ?? null)) : undefined,
  });
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ req: r, resHeaders }) => createTRPCContext({ headers: r.headers, resHeaders }),
  });
  const body = (await res.json()) as { result?: { data: unknown }; error?: { json: { message: string } } };
  return {
    status: res.status,
    data: body.result ? superjson.deserialize(body.result.data as never) : undefined,
    message: body.error?.json.message,
  };
}

describe('API keys', () => {
  let runtime: Runtime;
  let orgA: string;
  let orgB: string;
  let admin: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    setRuntimeForTests(runtime);
    const db = runtime.database.db;
    orgA = (await createOrg(db)).id;
    orgB = (await createOrg(db)).id;
    admin = (await createMember(db, { orgId: orgA, role: 'admin' })).user.id;
    await createEntry(db, { orgId: orgA, title: 'Visible to keys' });
    await createEntry(db, { orgId: orgB, title: 'Other org' });
  });
  afterAll(async () => {
    setRuntimeForTests(null);
    await runtime?.close();
  });

  async function newKey(
    scopes: Parameters<Awaited<ReturnType<typeof callerAs>>['apiKeys']['create']>[0]['scopes'],
  ) {
    const api = await callerAs(runtime, admin, orgA);
    return api.apiKeys.create({ name: `k-${Math.random()}`, scopes });
  }

  it('shows the secret once and stores only a keyed hash with a visible prefix', async () => {
    const { key, apiKey } = await newKey(['knowledge:read']);
    expect(key).toMatch(/^csk_[a-z0-9]{12}_[A-Za-z0-9]{32}$/);
    expect(key.startsWith(`csk_${apiKey.prefix}_`)).toBe(true);
    const [row] = await runtime.database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.slice(-32));
    const listed = await (await callerAs(runtime, admin, orgA)).apiKeys.list();
    expect(JSON.stringify(listed)).not.toContain(key);
  });

  it('authenticates Bearer keys for their own organization and records last use', async () => {
    const { key, apiKey } = await newKey(['knowledge:read']);
    const res = await http('knowledge.list', {
      headers: { authorization: `Bearer ${key}` },
      input: { limit: 50 },
    });
    expect(res.status).toBe(200);
    const titles = (res.data as { items: { title: string }[] }).items.map((i) => i.title);
    expect(titles).toContain('Visible to keys');
    expect(titles).not.toContain('Other org');
    const [row] = await runtime.database.db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(row?.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a procedure outside the key scopes, naming the scope', async () => {
    const { key } = await newKey(['knowledge:read']);
    const res = await http('knowledge.create', {
      headers: { authorization: `Bearer ${key}` },
      input: { title: 'nope' },
      mutation: true,
    });
    expect(res.status).toBe(403);
    expect(res.message).toBe('Missing permission: knowledge:write');
  });

  it('answers 401 alike for revoked, expired, unknown and malformed keys', async () => {
    const revoked = await newKey(['knowledge:read']);
    await (await callerAs(runtime, admin, orgA)).apiKeys.revoke({ id: revoked.apiKey.id });
    const expired = await newKey(['knowledge:read']);
    await runtime.database.db
      .update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, expired.apiKey.id));
    const unknown = `csk_${'a'.repeat(12)}_${'B'.repeat(32)}`;
    const forged = `${revoked.key.slice(0, -1)}${revoked.key.endsWith('A') ? 'B' : 'A'}`;
    for (const key of [revoked.key, expired.key, unknown, forged, 'not-a-key']) {
      const res = await http('knowledge.list', { headers: { authorization: `Bearer ${key}` }, input: {} });
      expect(res.status, key).toBe(401);
      expect(res.message).toBe('Invalid API key');
    }
    const basic = await http('knowledge.list', { headers: { authorization: 'Basic abc' }, input: {} });
    expect(basic.status).toBe(401);
  });

  it('stops accepting a key the moment it is revoked, although verified keys are cached', async () => {
    const { key, apiKey } = await newKey(['knowledge:read']);
    const auth = { authorization: `Bearer ${key}` };
    expect((await http('orgs.current', { headers: auth })).status).toBe(200);
    // Served from the cache now: the row is no longer read.
    await runtime.database.db.update(apiKeys).set({ name: 'renamed' }).where(eq(apiKeys.id, apiKey.id));
    expect((await http('orgs.current', { headers: auth })).status).toBe(200);
    await (await callerAs(runtime, admin, orgA)).apiKeys.revoke({ id: apiKey.id });
    const res = await http('orgs.current', { headers: auth });
    expect(res.status).toBe(401);
    expect(res.message).toBe('Invalid API key');
  });

  it('bounds a revocation made elsewhere by the cache TTL', async () => {
    const { key, apiKey } = await newKey(['knowledge:read']);
    const auth = { authorization: `Bearer ${key}` };
    expect((await http('orgs.current', { headers: auth })).status).toBe(200);
    // Another process revoked it: this one serves its cached verdict until the entry lapses.
    await runtime.database.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, apiKey.id));
    expect((await http('orgs.current', { headers: auth })).status).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + API_KEY_CACHE_TTL_MS);
      expect((await http('orgs.current', { headers: auth })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it("cannot reach another organization's data, even by asking for it", async () => {
    const { key } = await newKey(['knowledge:read']);
    const res = await http('knowledge.list', {
      headers: { authorization: `Bearer ${key}`, 'x-consailt-org': orgB },
      input: {},
    });
    expect(res.status).toBe(404);
  });

  it('only grants scopes the creator holds, and only to holders of keys:manage', async () => {
    const api = await callerAs(runtime, admin, orgA);
    await expect(api.apiKeys.create({ name: 'too much', scopes: ['org:manage'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Cannot grant scopes you do not hold: org:manage',
    });
    const member = (await createMember(runtime.database.db, { orgId: orgA, role: 'member' })).user.id;
    const asMember = await callerAs(runtime, member, orgA);
    await expect(asMember.apiKeys.create({ name: 'x', scopes: ['knowledge:read'] })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Missing permission: keys:manage',
    });
    await expect(
      api.apiKeys.create({ name: 'past', scopes: ['knowledge:read'], expiresAt: new Date(Date.now() - 5) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('records key creation and revocation in the audit log with the request origin', async () => {
    const { key, apiKey } = await newKey(['knowledge:read', 'audit:read']);
    const res = await http('audit.list', {
      headers: {
        authorization: `Bearer ${key}`,
        'user-agent': 'audit-test/1.0',
        'x-forwarded-for': '203.0.113.9',
      },
      input: { targetId: apiKey.id },
    });
    expect(res.status).toBe(200);
    const items = (res.data as { items: { action: string; actorUserId: string }[] }).items;
    expect(items).toEqual([expect.objectContaining({ action: 'api_key.created', actorUserId: admin })]);
  });
});
