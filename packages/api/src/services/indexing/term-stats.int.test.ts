import { chunks, withOrgContext } from '@consailt/db';
import { createEntry, createOrg } from '@consailt/db/testing';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { createTestRuntime } from '../../testing';
import { queryRows } from '../search/sql-utils';
import { indexEntry, removeEntryChunks } from './index-entry';
import { deferTermStats } from './term-stats';

const body = (i: number) =>
  `# Note ${i}\n\n${'Warehouse replenishment and supplier risk review for the retail client. '.repeat(20)}\n\n## Detail\n\nUnique term marker${i} appears here. ${'Inventory counts and logistics planning. '.repeat(30)}`;

describe('deferred BM25 statistics (migrations 0008, 0010)', () => {
  let runtime: Runtime;
  let org: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    org = (await createOrg(runtime.database.db)).id;
  });
  afterAll(async () => {
    await runtime?.close();
  });

  /** Lexemes whose kept df differs from the chunks table, and the corpus totals both ways. */
  async function drift() {
    const lexemes = await queryRows<{ lexeme: string }>(
      runtime.database.db,
      sql`select coalesce(t.lexeme, a.lexeme) as lexeme
          from (select lexeme, df from term_stats where org_id = ${org}) t
          full join (select u.lexeme, count(*)::int as df from chunks c, unnest(c.tsv) u where c.org_id = ${org} group by u.lexeme) a
            on a.lexeme = t.lexeme
          where coalesce(t.df, 0) <> coalesce(a.df, 0)`,
    );
    const [corpus] = await queryRows<{ kept: number; actual: number }>(
      runtime.database.db,
      sql`select coalesce((select chunk_count from corpus_stats where org_id = ${org}), 0)::int as kept,
            (select count(*) from chunks where org_id = ${org})::int as actual`,
    );
    return { lexemes: lexemes.map((l) => l.lexeme), corpus };
  }
  const pending = async () =>
    (
      await queryRows<{ n: number }>(
        runtime.database.db,
        sql`select (select count(*) from term_stats_pending where org_id = ${org})::int
                 + (select count(*) from corpus_stats_pending where org_id = ${org})::int as n`,
      )
    )[0]?.n;

  it('stays exact with concurrent indexing jobs of one organization and nothing is left pending', async () => {
    const db = runtime.database.db;
    const entries = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createEntry(db, { orgId: org, title: `Note ${i}`, body: body(i) }),
      ),
    );
    const results = await Promise.all(
      entries.map((e) => indexEntry(runtime.deps, { orgId: org, entryId: e.id })),
    );
    expect(results.every((r) => r.status === 'indexed')).toBe(true);
    expect(await pending()).toBe(0);
    const after = await drift();
    expect(after.lexemes).toEqual([]);
    expect(after.corpus?.kept).toBe(after.corpus?.actual);
    expect(after.corpus?.actual).toBeGreaterThan(12);
  });

  it('folds deltas a killed worker left behind before any inline write uses the statistics', async () => {
    const db = runtime.database.db;
    const entry = await createEntry(db, { orgId: org, title: 'Orphaned', body: body(99) });
    await indexEntry(runtime.deps, { orgId: org, entryId: entry.id });
    // A worker that committed deferred deletions and died before folding them.
    await withOrgContext(db, org, async (tx) => {
      await deferTermStats(tx);
      await tx.delete(chunks).where(and(eq(chunks.orgId, org), eq(chunks.entryId, entry.id)));
    });
    // One pending row per statement and organization (migration 0010), however many lexemes and
    // chunks the statement touched: 1 term row + 1 corpus row.
    expect(await pending()).toBe(2);
    expect((await drift()).lexemes).toContain('marker99');

    // An inline writer (an entry removed by a service that does not defer) folds first, so the
    // clamped updates never see a deletion before the insertion it undoes.
    const other = await createEntry(db, { orgId: org, title: 'Removed', body: body(98) });
    await indexEntry(runtime.deps, { orgId: org, entryId: other.id });
    await withOrgContext(db, org, (tx) => removeEntryChunks(tx, org, other.id));
    expect(await pending()).toBe(0);
    const after = await drift();
    expect(after.lexemes).toEqual([]);
    expect(after.corpus?.kept).toBe(after.corpus?.actual);
  });

  it('a re-run job folds what its killed predecessor committed', async () => {
    const db = runtime.database.db;
    const entry = await createEntry(db, { orgId: org, title: 'Rerun', body: body(77) });
    await indexEntry(runtime.deps, { orgId: org, entryId: entry.id });
    await withOrgContext(db, org, async (tx) => {
      await deferTermStats(tx);
      await tx.delete(chunks).where(and(eq(chunks.orgId, org), eq(chunks.entryId, entry.id)));
    });
    expect((await drift()).lexemes.length).toBeGreaterThan(0);
    // The stalled job runs again on another worker: nothing to write, but it folds.
    await indexEntry(runtime.deps, { orgId: org, entryId: entry.id });
    expect(await pending()).toBe(0);
    expect((await drift()).lexemes).toEqual([]);
  });
});
