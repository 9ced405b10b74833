import { createDatabase } from '@consailt/db';
import { createMember, createOrg, testDatabaseUrl } from '@consailt/db/testing';
import type { Scope } from '../auth/permissions';
import { type Runtime, setRuntimeForTests } from '../runtime';
import { callerAs, createTestRuntime } from '../testing';
import { createNewsResources } from '../testing-news';
import { serveApi } from './serve';

/**
 * A real API over HTTP for tests and benchmarks of the SDK, REST and MCP: a test runtime (real
 * database), an organization with an owner, an engagement, an indexed entry, a news article, and
 * API keys with all scopes and with read-only scopes.
 */
export async function startApiFixture(
  opts: { env?: Record<string, string>; redisUrl?: string; plan?: string; poolMax?: number } = {},
) {
  const url = opts.poolMax ? testDatabaseUrl() : null;
  // Benchmarks drive dozens of concurrent requests: a test database's 4 connections would be the bottleneck.
  const database = url ? await createDatabase({ url, poolMax: opts.poolMax }) : undefined;
  await database?.migrate();
  const runtime: Runtime = await createTestRuntime({ env: opts.env, redisUrl: opts.redisUrl, database });
  setRuntimeForTests(runtime);
  const db = runtime.database.db;
  const org = await createOrg(db, opts.plan ? { plan: opts.plan } : {});
  const owner = (await createMember(db, { orgId: org.id, role: 'owner' })).user;
  const caller = await callerAs(runtime, owner.id, org.id);
  const engagement = await caller.engagements.create({ name: 'Market entry', clientName: 'Contoso' });
  const entry = await caller.knowledge.create({
    title: 'Onboarding checklist',
    body: 'New consultants get laptop access on day one and shadow a partner in week two.',
    tags: ['onboarding'],
    engagementId: engagement.id,
  });
  // The news factory drains the in-process queue; with BullMQ (no worker here) there is no article.
  const news =
    runtime.queue.kind === 'in-process'
      ? await createNewsResources(runtime, { orgId: org.id, entryId: entry.id })
      : null;
  const keyFor = async (name: string, scopes: Scope[]) => (await caller.apiKeys.create({ name, scopes })).key;
  const fullKey = await keyFor('full', ['knowledge:read', 'knowledge:write', 'ai:use', 'analytics:read']);
  const readKey = await keyFor('read-only', ['knowledge:read']);
  if (runtime.queue.kind === 'in-process')
    await (runtime.queue as unknown as { drain(): Promise<void> }).drain();
  const http = await serveApi();
  return {
    runtime,
    url: http.url,
    orgId: org.id,
    ownerId: owner.id,
    engagementId: engagement.id,
    entryId: entry.id,
    articleId: news?.articleId ?? '',
    fullKey,
    readKey,
    close: async () => {
      await http.close();
      setRuntimeForTests(null);
      await runtime.close();
    },
  };
}
export type ApiFixture = Awaited<ReturnType<typeof startApiFixture>>;
