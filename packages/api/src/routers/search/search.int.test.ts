import { BudgetExceededError } from '@consailt/ai';
import { withOrgContext } from '@consailt/db';
import { createMember, createOrg } from '@consailt/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { bm25Idf, DEFAULT_BM25, lexicalSearch } from '../../services/search/bm25';
import { chunkFilterSql, ZSearchFilters } from '../../services/search/filters';
import { searchKnowledge } from '../../services/search/search-knowledge';
import { queryRows } from '../../services/search/sql-utils';
import { EXACT_SCAN_MAX_CHUNKS, vectorSearch } from '../../services/search/vector';
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

  it('records a search typed key by key as one search, the query as finally typed', async () => {
    const carol = (await createMember(runtime.database.db, { orgId: org, role: 'member' })).user.id;
    const api = await callerAs(runtime, carol, org);
    const other = await callerAs(runtime, alice, org);
    const historyOf = (userId: string) =>
      queryRows<{ id: string; query: string; clicked_rank: number | null }>(
        runtime.database.db,
        sql`select id, query, clicked_rank from search_history where user_id = ${userId} order by created_at, id`,
      );
    const ids = new Set<string | null>();
    for (const q of ['ware', 'wareh', 'warehouse', 'warehouse repl', 'warehouse replenishment'])
      ids.add((await api.search.query({ query: q, mode: 'lexical' })).searchId);
    // Someone else searching meanwhile keeps their own row and does not break the typing.
    await other.search.query({ query: 'warehouse r', mode: 'lexical' });
    // Backspacing is the same search too.
    const last = await api.search.query({ query: 'warehouse replen', mode: 'lexical' });
    ids.add(last.searchId);
    expect(ids.size).toBe(1);
    expect((await historyOf(carol)).map((r) => r.query)).toEqual(['warehouse replen']);

    // A click closes the search: typing on records a new one; so does an unrelated query.
    const hit = last.items[0];
    if (!hit || !last.searchId) throw new Error('no result');
    await api.search.click({ searchId: last.searchId, entryId: hit.id, rank: hit.rank });
    const refined = await api.search.query({ query: 'warehouse replenishment', mode: 'lexical' });
    expect(refined.searchId).not.toBe(last.searchId);
    await api.search.query({ query: 'pricing', mode: 'lexical' });
    expect((await historyOf(carol)).map((r) => [r.query, r.clicked_rank])).toEqual([
      ['warehouse replen', 1],
      ['warehouse replenishment', null],
      ['pricing', null],
    ]);
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

  it('walks the HNSW graph for a large organization and scans a small one exactly', async () => {
    const scope = {
      orgId: org,
      actor: { kind: 'user' as const, userId: bob, role: 'member' as const, scopes: [] },
    };
    const filter = chunkFilterSql(scope, ZSearchFilters.parse({}));
    const query = new Float32Array(1024).fill(1 / 32);
    const sortEnabledDuringSearch = () =>
      withOrgContext(runtime.database.db, org, async (tx) => {
        const hits = await vectorSearch(tx, org, query, filter, { depth: 20, perEntry: 1 });
        expect(hits.length).toBeGreaterThan(0);
        const [row] = await queryRows<{ on: string }>(tx, sql`select current_setting('enable_sort') as on`);
        return row?.on;
      });
    // This organization is small: the planner keeps its choice (an exact scan).
    expect(await sortEnabledDuringSearch()).toBe('on');
    const db = runtime.database.db;
    const [stats] = await queryRows<{ n: number }>(
      db,
      sql`select chunk_count::int as n from corpus_stats where org_id = ${org}`,
    );
    try {
      await db.execute(
        sql`update corpus_stats set chunk_count = ${EXACT_SCAN_MAX_CHUNKS + 1} where org_id = ${org}`,
      );
      // Past the threshold sorts are off for that transaction only, leaving the index's ordered scan.
      expect(await sortEnabledDuringSearch()).toBe('off');
      const [after] = await queryRows<{ on: string }>(db, sql`select current_setting('enable_sort') as on`);
      expect(after?.on).toBe('on');
    } finally {
      await db.execute(sql`update corpus_stats set chunk_count = ${stats?.n ?? 0} where org_id = ${org}`);
    }
  });

  it('scores every chunk exactly as BM25 does, including chunks whose tsvector is stored out of line', async () => {
    const db = runtime.database.db;
    const own = (await createOrg(db)).id;
    const author = (await createMember(db, { orgId: own, role: 'member' })).user.id;
    const api = await callerAs(runtime, author, own);
    const words = ['inventory', 'replenishment', 'supplier', 'forecast', 'pricing', 'warehouse', 'freight'];
    const write = async (i: number) => {
      const sections = Array.from({ length: 1 + (i % 3) }, (_, s) => {
        const filler = Array.from(
          { length: 60 + 60 * ((i + s) % 5) },
          (_, w) => `${words[(i * 3 + s + w) % words.length]} note${w % 11} code${i}x${s}x${w}`,
        );
        return `## Part ${s + 1}\n${filler.join(' ')}.`;
      });
      await api.knowledge.create({ title: `Review ${i}`, body: sections.join('\n\n') });
    };
    // Half the entries are indexed as before migration 0012 (tsvector storage EXTENDED: a large one
    // moved out of line), half as now (MAIN: kept in the row, compressed if need be).
    await db.execute(sql`alter table chunks alter column tsv set storage extended`);
    try {
      for (let i = 0; i < 6; i++) await write(i);
      await drain(runtime);
    } finally {
      await db.execute(sql`alter table chunks alter column tsv set storage main`);
    }
    for (let i = 6; i < 12; i++) await write(i);
    await drain(runtime);

    // Sections of varied length and term frequency. Many chunks' tsvectors alone are past the
    // ~2 kB at which PostgreSQL compresses a row's values or moves them out of line (TOAST).
    const toasted = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from chunks where org_id = ${own} and pg_column_size(tsv || ''::tsvector) > 2048`,
    );
    expect(toasted[0]?.n).toBeGreaterThan(0);

    // The reference: term frequencies straight from each chunk's tsvector, df, N and the average
    // length counted over the organization's chunks, scored in JavaScript.
    const rows = await queryRows<{ id: string; dl: number; lexeme: string; tf: number }>(
      db,
      sql`select c.id, c.term_count as dl, t.lexeme, coalesce(array_length(t.positions, 1), 1) as tf
          from chunks c cross join lateral unnest(c.tsv) t where c.org_id = ${own}`,
    );
    const docs = new Map<string, { dl: number; tf: Map<string, number> }>();
    for (const r of rows) {
      const doc = docs.get(r.id) ?? { dl: Number(r.dl), tf: new Map<string, number>() };
      doc.tf.set(r.lexeme, Number(r.tf));
      docs.set(r.id, doc);
    }
    const n = docs.size;
    const avgdl = [...docs.values()].reduce((sum, d) => sum + d.dl, 0) / n;
    const { k1, b } = DEFAULT_BM25;
    const reference = (lexemes: string[]) =>
      [...docs.entries()]
        .map(([id, d]) => {
          let score = 0;
          for (const lexeme of new Set(lexemes)) {
            const tf = d.tf.get(lexeme) ?? 0;
            if (tf === 0) continue;
            const df = [...docs.values()].filter((x) => x.tf.has(lexeme)).length;
            const qtf = lexemes.filter((l) => l === lexeme).length;
            score += (qtf * bm25Idf(n, df) * (tf * (k1 + 1))) / (tf + k1 * (1 - b + (b * d.dl) / avgdl));
          }
          return { id, score };
        })
        .filter((x) => x.score > 0)
        .sort((x, y) => y.score - x.score);

    for (const [query, lexemes] of [
      ['warehouse freight', ['warehous', 'freight']],
      ['pricing forecast pricing', ['price', 'forecast', 'price']],
      ['supplier note3', ['supplier', 'note3']],
    ] as const) {
      const expected = reference([...lexemes]);
      const got = await withOrgContext(db, own, (tx) =>
        lexicalSearch(tx, own, query, sql`true`, { depth: 200, perEntry: 100 }),
      );
      expect(got.exact).toBe(true);
      expect(got.hits.length).toBe(expected.length);
      const scores = new Map(got.hits.map((h) => [h.chunkId, h.score]));
      for (const e of expected) expect(scores.get(e.id)).toBeCloseTo(e.score, 9);
    }
  });

  it('checks visibility on the head of the ranking, and ranks with the filter when the head is mostly hidden', async () => {
    const db = runtime.database.db;
    const own = (await createOrg(db)).id;
    const writer = (await createMember(db, { orgId: own, role: 'member' })).user.id;
    const reader = (await createMember(db, { orgId: own, role: 'member' })).user.id;
    const api = await callerAs(runtime, writer, own);
    const strong = 'Zeppelin mooring. The zeppelin fleet, zeppelin crews and zeppelin hangars.';
    const weak = `A note that mentions a zeppelin once, among ${'other words about logistics and planning '.repeat(4)}`;
    // The writer's private notes outrank everything the reader may see: the head of the ranking
    // (2 × 10 + 20 rows) is all theirs but for the two strongest entries.
    for (let i = 0; i < 45; i++) {
      await api.knowledge.create({ title: `Private ${i}`, body: strong, visibility: 'private' });
    }
    for (let i = 0; i < 2; i++) {
      await api.knowledge.create({ title: `Shared strong ${i}`, body: `${strong} Zeppelin again.` });
    }
    for (let i = 0; i < 6; i++) await api.knowledge.create({ title: `Shared weak ${i}`, body: weak });
    await drain(runtime);

    const scope = {
      orgId: own,
      actor: { kind: 'user' as const, userId: reader, role: 'member' as const, scopes: [] },
    };
    const filter = chunkFilterSql(scope, ZSearchFilters.parse({}));
    const rank = (lateFilter: boolean) =>
      withOrgContext(db, own, (tx) =>
        lexicalSearch(tx, own, 'zeppelin', filter, { depth: 10, perEntry: 1, lateFilter }),
      );
    const inPass = await rank(false);
    const late = await rank(true);
    expect(inPass.hits).toHaveLength(8);
    expect(late.hits).toEqual(inPass.hits);

    // And as the writer, who sees everything, the late check gives the same ranking as the filtered pass.
    const asWriter = { ...scope, actor: { ...scope.actor, userId: writer } };
    const writerFilter = chunkFilterSql(asWriter, ZSearchFilters.parse({}));
    const [a, b] = await Promise.all(
      [false, true].map((lateFilter) =>
        withOrgContext(db, own, (tx) =>
          lexicalSearch(tx, own, 'zeppelin mooring', writerFilter, { depth: 10, perEntry: 1, lateFilter }),
        ),
      ),
    );
    expect(a?.hits).toHaveLength(10);
    expect(b?.hits).toEqual(a?.hits);
  });

  it('does no work for a search whose request was cancelled, and records nothing', async () => {
    const db = runtime.database.db;
    const scope = {
      orgId: org,
      actor: { kind: 'user' as const, userId: bob, role: 'member' as const, scopes: [] },
    };
    const history = async () =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from search_history where org_id = ${org} and user_id = ${bob}`,
        )
      )[0]?.n;
    const before = await history();
    const cancelled = new AbortController();
    cancelled.abort();
    for (const mode of ['lexical', 'hybrid'] as const) {
      await expect(
        searchKnowledge(runtime.deps, scope, { query: 'pricing', mode }, { signal: cancelled.signal }),
      ).rejects.toMatchObject({ code: 'CLIENT_CLOSED_REQUEST' });
    }
    expect(await history()).toBe(before);
    // The same search with a live signal runs and is recorded.
    const live = await searchKnowledge(
      runtime.deps,
      scope,
      { query: 'pricing', mode: 'lexical' },
      { signal: new AbortController().signal },
    );
    expect(live.items[0]?.title).toBe('Pricing workshop');
    expect(await history()).toBe((before ?? 0) + 1);
  });
});
