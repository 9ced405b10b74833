/**
 * Tenant isolation harness. Enumerates every procedure of `appRouter`; each must have a case below
 * (a new procedure without one fails this test). For org-scoped procedures, a member of
 * organization A, and an API key of A, try to read, list, change or delete organization B's
 * resources by id: every attempt must fail with NOT_FOUND or FORBIDDEN (or return nothing of B's),
 * and B's data must be byte-for-byte unchanged afterwards.
 */
import { ROLES, type Role } from '@consailt/db';
import { createEngagement, createEntry, createMember, createOrg } from '@consailt/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_SCOPES, SCOPES, type Scope } from './auth/permissions';
import { createInnerContext } from './context';
import { appRouter, createCaller } from './routers/app-router';
import type { Runtime } from './runtime';
import { callerAs, createTestRuntime } from './testing';
import { createKnowledgeResources, type KnowledgeResources } from './testing-knowledge';
import { createNewsResources, type NewsResources } from './testing-news';

type Caller = ReturnType<typeof createCaller>;
type BResources = {
  orgId: string;
  entryId: string;
  engagementId: string;
  userId: string;
  invitationId: string;
  apiKeyId: string;
} & KnowledgeResources &
  NewsResources;
type Case =
  | { kind: 'not-org-scoped'; why: string }
  /** Calls that name B's resources: must be refused. */
  | { kind: 'by-id'; call: (api: Caller, b: BResources) => Promise<unknown> }
  /** Calls scoped to the caller's own organization: must return nothing of B's. */
  | { kind: 'own-org'; call: (api: Caller) => Promise<unknown> };

const CASES: Record<string, Case> = {
  'auth.session': { kind: 'not-org-scoped', why: 'describes the caller only' },
  'auth.demoUsers': { kind: 'not-org-scoped', why: 'seeded demo users, dev sign-in only' },
  'orgs.mine': { kind: 'not-org-scoped', why: "the caller's own memberships" },
  'orgs.create': { kind: 'not-org-scoped', why: 'creates a new organization' },
  'invitations.accept': { kind: 'not-org-scoped', why: 'token-addressed; covered by invitation tests' },
  'invitations.preview': {
    kind: 'not-org-scoped',
    why: 'token-addressed; shows only org name, inviter, role, expiry; covered by invitation tests',
  },
  'knowledge.list': { kind: 'own-org', call: (api) => api.knowledge.list({ limit: 100 }) },
  'feeds.list': { kind: 'own-org', call: (api) => api.feeds.list() },
  'feeds.create': {
    kind: 'by-id',
    call: (api, b) =>
      api.feeds.create({ url: 'https://a.example.test/feed.xml', engagementId: b.engagementId }),
  },
  'feeds.update': { kind: 'by-id', call: (api, b) => api.feeds.update({ id: b.feedId, title: 'x' }) },
  'feeds.pause': { kind: 'by-id', call: (api, b) => api.feeds.pause({ id: b.feedId }) },
  'feeds.resume': { kind: 'by-id', call: (api, b) => api.feeds.resume({ id: b.feedId }) },
  'feeds.refresh': { kind: 'by-id', call: (api, b) => api.feeds.refresh({ id: b.feedId }) },
  'feeds.delete': { kind: 'by-id', call: (api, b) => api.feeds.delete({ id: b.feedId }) },
  'news.list': { kind: 'own-org', call: (api) => api.news.list({ limit: 100 }) },
  'news.byId': { kind: 'by-id', call: (api, b) => api.news.byId({ id: b.articleId }) },
  'news.markRead': { kind: 'by-id', call: (api, b) => api.news.markRead({ ids: [b.articleId] }) },
  'news.saveToKnowledge': { kind: 'by-id', call: (api, b) => api.news.saveToKnowledge({ id: b.articleId }) },
  'jobs.progress': { kind: 'own-org', call: (api) => api.jobs.progress({ limit: 200 }) },
  'jobs.counts': { kind: 'own-org', call: (api) => api.jobs.counts() },
  'jobs.failed': { kind: 'own-org', call: (api) => api.jobs.failed({ limit: 200 }) },
  'jobs.byId': { kind: 'by-id', call: (api, b) => api.jobs.byId({ queue: 'entry-stats', id: b.jobId }) },
  'jobs.retry': { kind: 'by-id', call: (api, b) => api.jobs.retry({ queue: 'entry-stats', id: b.jobId }) },
  'knowledge.update': {
    kind: 'by-id',
    call: (api, b) => api.knowledge.update({ id: b.entryId, title: 'x' }),
  },
  'knowledge.bulk': {
    kind: 'by-id',
    call: (api, b) => api.knowledge.bulk({ ids: [b.entryId], action: { type: 'delete' } }),
  },
  'knowledge.versions': { kind: 'by-id', call: (api, b) => api.knowledge.versions({ id: b.entryId }) },
  'knowledge.diff': {
    kind: 'by-id',
    call: (api, b) => api.knowledge.diff({ id: b.entryId, from: 1, to: 1 }),
  },
  'knowledge.restoreVersion': {
    kind: 'by-id',
    call: (api, b) => api.knowledge.restoreVersion({ id: b.entryId, version: 1 }),
  },
  'knowledge.delete': { kind: 'by-id', call: (api, b) => api.knowledge.delete({ id: b.entryId }) },
  'knowledge.trash': { kind: 'own-org', call: (api) => api.knowledge.trash({ limit: 100 }) },
  'knowledge.restore': { kind: 'by-id', call: (api, b) => api.knowledge.restore({ id: b.trashedEntryId }) },
  'knowledge.purge': { kind: 'by-id', call: (api, b) => api.knowledge.purge({ id: b.trashedEntryId }) },
  'knowledge.link': {
    kind: 'by-id',
    call: (api, b) => api.knowledge.link({ fromId: b.entryId, toId: b.trashedEntryId }),
  },
  'knowledge.unlink': {
    kind: 'by-id',
    call: (api, b) => api.knowledge.unlink({ fromId: b.entryId, toId: b.trashedEntryId }),
  },
  'knowledge.related': { kind: 'by-id', call: (api, b) => api.knowledge.related({ id: b.entryId }) },
  'engagements.byId': { kind: 'by-id', call: (api, b) => api.engagements.byId({ id: b.engagementId }) },
  'engagements.create': {
    kind: 'own-org',
    call: (api) => api.engagements.create({ name: 'A engagement', clientName: 'A client' }),
  },
  'engagements.update': {
    kind: 'by-id',
    call: (api, b) => api.engagements.update({ id: b.engagementId, name: 'x' }),
  },
  'engagements.delete': { kind: 'by-id', call: (api, b) => api.engagements.delete({ id: b.engagementId }) },
  'tags.list': { kind: 'own-org', call: (api) => api.tags.list() },
  'tags.rename': { kind: 'by-id', call: (api, b) => api.tags.rename({ id: b.tagId, name: 'x' }) },
  'tags.merge': {
    kind: 'by-id',
    call: (api, b) => api.tags.merge({ sourceIds: [b.tagId], targetId: b.categoryId }),
  },
  'categories.list': { kind: 'own-org', call: (api) => api.categories.list() },
  'categories.create': {
    kind: 'by-id',
    call: (api, b) => api.categories.create({ name: 'x', parentId: b.categoryId }),
  },
  'categories.rename': {
    kind: 'by-id',
    call: (api, b) => api.categories.rename({ id: b.categoryId, name: 'x' }),
  },
  'categories.move': {
    kind: 'by-id',
    call: (api, b) => api.categories.move({ id: b.categoryId, parentId: null }),
  },
  'categories.delete': { kind: 'by-id', call: (api, b) => api.categories.delete({ id: b.categoryId }) },
  'templates.list': { kind: 'own-org', call: (api) => api.templates.list() },
  'templates.byId': { kind: 'by-id', call: (api, b) => api.templates.byId({ id: b.templateId }) },
  'templates.render': { kind: 'by-id', call: (api, b) => api.templates.render({ id: b.templateId }) },
  'templates.create': { kind: 'own-org', call: (api) => api.templates.create({ name: 'A template' }) },
  'templates.update': {
    kind: 'by-id',
    call: (api, b) => api.templates.update({ id: b.templateId, name: 'x' }),
  },
  'templates.delete': { kind: 'by-id', call: (api, b) => api.templates.delete({ id: b.templateId }) },
  'files.upload': {
    kind: 'by-id',
    call: (api, b) =>
      api.files.upload({ filename: 'a.md', contentBase64: 'IyBB', engagementId: b.engagementId }),
  },
  'files.byId': { kind: 'by-id', call: (api, b) => api.files.byId({ id: b.fileId }) },
  'files.list': { kind: 'own-org', call: (api) => api.files.list() },
  'search.query': {
    kind: 'own-org',
    call: (api) => api.search.query({ query: 'lessons learned discovery workshop', limit: 100 }),
  },
  'search.click': {
    kind: 'by-id',
    call: (api, b) => api.search.click({ searchId: b.searchId, entryId: b.entryId, rank: 1 }),
  },
  'ask.send': {
    kind: 'by-id',
    call: (api, b) => api.ask.send({ conversationId: b.conversationId, question: 'lessons learned?' }),
  },
  'ask.regenerate': { kind: 'by-id', call: (api, b) => api.ask.regenerate({ messageId: b.messageId }) },
  'ask.feedback': {
    kind: 'by-id',
    call: (api, b) => api.ask.feedback({ messageId: b.messageId, rating: 'up' }),
  },
  'ask.conversations': { kind: 'own-org', call: (api) => api.ask.conversations({ limit: 100 }) },
  'insights.run': {
    kind: 'by-id',
    call: (api, b) => api.insights.run({ kind: 'risk_assessment', engagementId: b.engagementId }),
  },
  'insights.list': { kind: 'own-org', call: (api) => api.insights.list({ limit: 100 }) },
  'insights.byId': { kind: 'by-id', call: (api, b) => api.insights.byId({ id: b.entryId }) },
  'ask.conversation': { kind: 'by-id', call: (api, b) => api.ask.conversation({ id: b.conversationId }) },
  'ask.renameConversation': {
    kind: 'by-id',
    call: (api, b) => api.ask.renameConversation({ id: b.conversationId, title: 'x' }),
  },
  'ask.deleteConversation': {
    kind: 'by-id',
    call: (api, b) => api.ask.deleteConversation({ id: b.conversationId }),
  },
  'knowledge.byId': { kind: 'by-id', call: (api, b) => api.knowledge.byId({ id: b.entryId }) },
  'knowledge.create': {
    kind: 'by-id',
    call: (api, b) => api.knowledge.create({ title: 'into B', engagementId: b.engagementId }),
  },
  'engagements.list': { kind: 'own-org', call: (api) => api.engagements.list() },
  'orgs.current': { kind: 'own-org', call: (api) => api.orgs.current() },
  'orgs.rename': { kind: 'own-org', call: (api) => api.orgs.rename({ name: 'Renamed A' }) },
  'members.list': { kind: 'own-org', call: (api) => api.members.list() },
  'members.changeRole': {
    kind: 'by-id',
    call: (api, b) => api.members.changeRole({ userId: b.userId, role: 'viewer' }),
  },
  'members.remove': { kind: 'by-id', call: (api, b) => api.members.remove({ userId: b.userId }) },
  'members.leave': { kind: 'own-org', call: (api) => api.members.leave().catch(() => null) },
  'invitations.list': { kind: 'own-org', call: (api) => api.invitations.list() },
  'invitations.create': {
    kind: 'own-org',
    call: (api) => api.invitations.create({ email: 'new@example.test' }),
  },
  'invitations.revoke': { kind: 'by-id', call: (api, b) => api.invitations.revoke({ id: b.invitationId }) },
  'apiKeys.list': { kind: 'own-org', call: (api) => api.apiKeys.list() },
  'apiKeys.create': {
    kind: 'own-org',
    call: (api) => api.apiKeys.create({ name: 'a', scopes: ['knowledge:read'] }),
  },
  'apiKeys.revoke': { kind: 'by-id', call: (api, b) => api.apiKeys.revoke({ id: b.apiKeyId }) },
  'audit.list': { kind: 'own-org', call: (api) => api.audit.list({ limit: 200 }) },
  'analytics.search': { kind: 'own-org', call: (api) => api.analytics.search({}) },
  'analytics.knowledgeGrowth': { kind: 'own-org', call: (api) => api.analytics.knowledgeGrowth({}) },
  'analytics.memberActivity': { kind: 'own-org', call: (api) => api.analytics.memberActivity({}) },
  'ai.models': { kind: 'own-org', call: (api) => api.ai.models() },
  'ai.usage': { kind: 'own-org', call: (api) => api.ai.usage({}) },
  'ai.run': {
    kind: 'own-org',
    call: (api) => api.ai.run({ task: 'quick_summary', text: 'Summarize our notes.' }),
  },
  'budgets.get': { kind: 'own-org', call: (api) => api.budgets.get() },
  'budgets.set': { kind: 'by-id', call: (api, b) => api.budgets.set({ userId: b.userId, hardLimitUsd: 1 }) },
  'settings.getAi': { kind: 'own-org', call: (api) => api.settings.getAi() },
  'settings.updateAi': {
    kind: 'own-org',
    call: (api) => api.settings.updateAi({ sensitiveTerms: ['Initech'] }),
  },
};

const procedures = appRouter._def.procedures as unknown as Record<
  string,
  { _def: { meta?: { scope?: Scope; orgScoped?: boolean } } }
>;

/** Everything organization B has, as one comparable value. */
async function snapshotOrg(runtime: Runtime, orgId: string): Promise<string> {
  const tables = [
    'chunks',
    'tags',
    'entry_tags',
    'knowledge_categories',
    'templates',
    'knowledge_links',
    'files',
    'conversations',
    'messages',
    'search_history',
    'organizations',
    'memberships',
    'invitations',
    'api_keys',
    'engagements',
    'knowledge_entries',
    'knowledge_versions',
    'audit_log',
    'budgets',
    'ai_interactions',
    'news_feeds',
    'news_articles',
  ];
  const parts: string[] = [];
  for (const t of tables) {
    const col = t === 'organizations' ? 'id' : 'org_id';
    const result = await runtime.database.db.execute(
      sql`select coalesce(json_agg(x order by x::text), '[]'::json)::text as rows from ${sql.identifier(t)} x where ${sql.identifier(col)} = ${orgId}`,
    );
    const rows = Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows;
    parts.push(`${t}:${(rows[0] as { rows: string }).rows}`);
  }
  return parts.join('\n');
}

describe('tenant isolation harness', () => {
  let runtime: Runtime;
  let b: BResources;
  let asUserA: Caller;
  let asKeyA: Caller;
  let bSecrets: string[];

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    const orgA = (await createOrg(db)).id;
    const ownerA = (await createMember(db, { orgId: orgA, role: 'owner' })).user.id;
    await createMember(db, { orgId: orgA, role: 'owner' });
    await createEntry(db, { orgId: orgA, authorId: ownerA, title: 'A entry' });

    const orgB = (await createOrg(db)).id;
    const ownerB = (await createMember(db, { orgId: orgB, role: 'owner' })).user.id;
    const memberB = (await createMember(db, { orgId: orgB, role: 'member' })).user.id;
    const engagement = await createEngagement(db, { orgId: orgB });
    const entry = await createEntry(db, { orgId: orgB, authorId: ownerB, engagementId: engagement.id });
    const asOwnerB = await callerAs(runtime, ownerB, orgB);
    const invitation = await asOwnerB.invitations.create({ email: 'b-invitee@example.test' });
    const key = await asOwnerB.apiKeys.create({ name: 'B key', scopes: ['knowledge:read'] });
    b = {
      orgId: orgB,
      entryId: entry.id,
      engagementId: engagement.id,
      userId: memberB,
      invitationId: invitation.invitation.id,
      apiKeyId: key.apiKey.id,
      ...(await createKnowledgeResources(runtime, { orgId: orgB, userId: ownerB, entryId: entry.id })),
      ...(await createNewsResources(runtime, { orgId: orgB, entryId: entry.id })),
    };
    bSecrets = Object.values(b);

    asUserA = await callerAs(runtime, ownerA, orgA);
    const keyA = await asUserA.apiKeys.create({ name: 'A all', scopes: [...ROLE_SCOPES.owner] });
    const { authenticateApiKey } = await import('./services/api-keys');
    const { sessionSecret } = await import('./context');
    const auth = await authenticateApiKey(runtime.deps, keyA.key, sessionSecret(runtime.env));
    if (!auth) throw new Error('key A did not authenticate');
    asKeyA = createCaller(createInnerContext({ runtime, principal: { kind: 'apiKey', key: auth } }));
  });

  afterAll(async () => {
    await runtime?.close();
  });

  it('has an isolation case for every procedure of appRouter', () => {
    const missing = Object.keys(procedures).filter((path) => !CASES[path]);
    expect(missing, 'procedures without an isolation case: add them to CASES').toEqual([]);
    const stale = Object.keys(CASES).filter((path) => !procedures[path]);
    expect(stale, 'cases for procedures that no longer exist').toEqual([]);
  });

  it('declares a permission scope on every org-scoped procedure', () => {
    for (const [path, proc] of Object.entries(procedures)) {
      const meta = proc._def.meta;
      if (meta?.orgScoped) expect(meta.scope, path).toBeDefined();
      const c = CASES[path];
      if (c && c.kind !== 'not-org-scoped')
        expect(meta?.orgScoped, `${path} must be built on orgProcedure`).toBe(true);
    }
  });

  for (const principal of ['member', 'api key'] as const) {
    it(`a ${principal} of A cannot read, list, change or delete B's resources`, async () => {
      const api = principal === 'member' ? asUserA : asKeyA;
      const before = await snapshotOrg(runtime, b.orgId);
      for (const [path, c] of Object.entries(CASES)) {
        if (c.kind === 'by-id') {
          const error = await c.call(api, b).then(
            () => null,
            (e: unknown) => e,
          );
          expect(error, `${path} must refuse B's ids`).toBeInstanceOf(TRPCError);
          expect(['NOT_FOUND', 'FORBIDDEN'], `${path}: ${(error as TRPCError).message}`).toContain(
            (error as TRPCError).code,
          );
        } else if (c.kind === 'own-org') {
          const result = await c.call(api).catch((e: unknown) => e);
          const text = JSON.stringify(result) ?? '';
          for (const secret of bSecrets) expect(text, `${path} leaked ${secret}`).not.toContain(secret);
        }
      }
      expect(await snapshotOrg(runtime, b.orgId)).toBe(before);
    });
  }

  it('refuses exactly the procedures whose scope a role lacks (role × scope matrix)', async () => {
    const db = runtime.database.db;
    for (const role of ROLES as readonly Role[]) {
      for (const [path, proc] of Object.entries(procedures)) {
        const scope = proc._def.meta?.scope;
        if (!scope) continue;
        // A fresh organization per call: a permitted call (e.g. members.leave) may change membership.
        const org = (await createOrg(db)).id;
        await createMember(db, { orgId: org, role: 'owner' });
        const user = (await createMember(db, { orgId: org, role })).user.id;
        const api = await callerAs(runtime, user, org);
        const [ns, name] = path.split('.') as [string, string];
        const fn = (api as unknown as Record<string, Record<string, (i?: unknown) => Promise<unknown>>>)[
          ns
        ]?.[name];
        const error = await fn?.({}).then(
          () => null,
          (e: unknown) => e,
        );
        const refused = error instanceof TRPCError && error.message === `Missing permission: ${scope}`;
        expect(refused, `${role} calling ${path} (needs ${scope})`).toBe(!ROLE_SCOPES[role].includes(scope));
      }
    }
    expect(SCOPES.length).toBeGreaterThan(0);
  });
});
