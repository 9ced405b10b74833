import { BudgetExceededError } from '@consailt/ai';
import { createMember, createOrg } from '@consailt/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { searchKnowledge } from '../../services/search/search-knowledge';
import { queryRows } from '../../services/search/sql-utils';
import { callerAs, createTestRuntime } from '../../testing';

const drain = (runtime: Runtime) => (runtime.queue as unknown as { drain(): Promise<void> }).drain();

describe('search', () => {
  let runtime: Runtime;
  let org: string;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    org = (await createOrg(db)).id;
    alice = (await createMember(db, { orgId: org, role: 'member' })).user.id;
    bob = (await createMember(db, { orgId: org, role: 'member' })).user.id;
    const api = await callerAs(runtime, alice, org);
    await api.knowledge.create({
      title: 'Warehouse replenishment playbook',
      body: '# Findings\nReplenishment cycles were too long at the northern warehouse.\n\n# Actions\nMove to weekly replenishment.',
    });
    await api.knowledge.create({
      title: 'Pricing workshop',
      body: 'Value-based pricing for the retail client.',
    });
    await api.knowledge.create({
      title: 'Secret merger notes',
      body: 'The merger with Globex is confidential; replenishment is not discussed.',
      visibility: 'private',
    });
    await drain(runtime);
  });

  afterAll(async () => {
    await runtime?.close();
  });

  for (const mode of ['lexical', 'vector', 'hybrid'] as const) {
    it(`finds an entry by its words (${mode}) with a highlighted snippet`, async () => {
      const api = await callerAs(runtime, bob, org);
      const res = await api.search.query({ query: 'warehouse replenishment', mode });
      expect(res.items[0]?.title).toBe('Warehouse replenishment playbook');
      if (mode !== 'vector') {
        expect(res.items[0]?.snippet.some((p) => p.highlight && /replenish/i.test(p.text))).toBe(true);
      }
      expect(res.items.some((i) => i.title === 'Secret merger notes')).toBe(false);
    });
  }

  it('records the search and a click', async () => {
    const api = await callerAs(runtime, bob, org);
    const res = await api.search.query({ query: 'pricing', mode: 'lexical' });
    expect(res.searchId).toBeTruthy();
    const hit = res.items[0];
    if (!hit || !res.searchId) throw new Error('no result');
    await api.search.click({ searchId: res.searchId, entryId: hit.id, rank: hit.rank });
    const rows = await queryRows<{ query: string; result_count: number; clicked_rank: number }>(
      runtime.database.db,
      sql`select query, result_count, clicked_rank from search_history where id = ${res.searchId}`,
    );
    expect(rows[0]).toMatchObject({ query: 'pricing', result_count: 1, clicked_rank: 1 });
  });

  it('falls back to keywords when the query cannot be embedded, and says so', async () => {
    const refused = new BudgetExceededError({
      limit: 'org_hard',
      limitMicroUsd: 100,
      spentMicroUsd: 150,
      period: '2026-12',
    });
    const deps = {
      ...runtime.deps,
      ai: {
        ...runtime.deps.ai,
        embed: async () => {
          throw refused;
        },
      },
    };
    const scope = {
      orgId: org,
      actor: { kind: 'user' as const, userId: bob, role: 'member' as const, scopes: [] },
    };
    const hybrid = await searchKnowledge(deps, scope, { query: 'warehouse replenishment', mode: 'hybrid' });
    expect(hybrid.items[0]?.title).toBe('Warehouse replenishment playbook');
    expect(hybrid.items.every((i) => i.matchedBy.join() === 'lexical')).toBe(true);
    expect(hybrid.notice).toMatch(/keyword matches only.*AI budget reached/);
    // Vector-only search has nothing to fall back on: the refusal reaches the caller.
    await expect(searchKnowledge(deps, scope, { query: 'warehouse', mode: 'vector' })).rejects.toBe(refused);
    // With the embedder working, no notice.
    const normal = await searchKnowledge(runtime.deps, scope, { query: 'warehouse', mode: 'hybrid' });
    expect(normal.notice).toBeNull();
  });
});
