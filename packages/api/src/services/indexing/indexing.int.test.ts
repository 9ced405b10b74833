import { createMember, createOrg } from '@consailt/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { callerAs, createTestRuntime } from '../../testing';
import { queryRows } from '../search/sql-utils';
import { indexEntry } from './index-entry';

const drain = (runtime: Runtime) => (runtime.queue as unknown as { drain(): Promise<void> }).drain();

const LONG_BODY = [
  '# Context',
  'The retailer runs forty stores and two regional warehouses. '.repeat(30),
  '## Replenishment',
  'Replenishment orders were placed by hand every second week. '.repeat(40),
  '```',
  '# not a heading inside code',
  '```',
  '# Outcome',
  'Stockouts fell by a third after weekly automated replenishment. '.repeat(20),
].join('\n\n');

describe('indexing (ingest-entry) and BM25 statistics', () => {
  let runtime: Runtime;
  let org: string;
  let user: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    org = (await createOrg(runtime.database.db)).id;
    user = (await createMember(runtime.database.db, { orgId: org })).user.id;
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const chunkRows = () =>
    queryRows<Record<string, unknown>>(
      runtime.database.db,
      sql`select c.id, c.entry_id, c.ordinal, c.heading, c.heading_path, c.text, c.token_count, c.term_count,
            c.content_hash, c.embedding_model, c.embedding::text as embedding
          from chunks c where c.org_id = ${org} order by c.entry_id, c.ordinal`,
    );

  /** term_stats / corpus_stats must equal what the chunks table says, lexeme by lexeme. */
  async function expectStatsMatchChunks() {
    const drift = await queryRows<{ lexeme: string; kept: number; actual: number }>(
      runtime.database.db,
      sql`select coalesce(t.lexeme, a.lexeme) as lexeme, coalesce(t.df, 0) as kept, coalesce(a.df, 0) as actual
          from (select lexeme, df from term_stats where org_id = ${org}) t
          full join (select u.lexeme, count(*)::int as df from chunks c, unnest(c.tsv) u where c.org_id = ${org} group by u.lexeme) a
            on a.lexeme = t.lexeme
          where coalesce(t.df, 0) <> coalesce(a.df, 0)`,
    );
    expect(drift).toEqual([]);
    const [corpus] = await queryRows<{ kept_n: number; n: number; kept_len: number; len: number }>(
      runtime.database.db,
      sql`select coalesce((select chunk_count from corpus_stats where org_id = ${org}), 0)::int as kept_n,
            (select count(*) from chunks where org_id = ${org})::int as n,
            coalesce((select term_total from corpus_stats where org_id = ${org}), 0)::int as kept_len,
            (select coalesce(sum(term_count), 0) from chunks where org_id = ${org})::int as len`,
    );
    expect(corpus?.kept_n).toBe(corpus?.n);
    expect(corpus?.kept_len).toBe(corpus?.len);
  }

  it('chunks by heading with overlap and leaves the same chunks when the job runs twice', async () => {
    const api = await callerAs(runtime, user, org);
    const { id } = await api.knowledge.create({ title: 'Retail replenishment', body: LONG_BODY });
    await drain(runtime);
    const first = await chunkRows();
    const mine = first.filter((c) => c.entry_id === id);
    expect(mine.length).toBeGreaterThan(3);
    expect(mine.map((c) => c.heading)).toContain('Retail replenishment > Context > Replenishment');
    expect(mine.some((c) => String(c.heading).includes('not a heading'))).toBe(false);
    expect(mine.every((c) => c.embedding_model && Number(c.term_count) > 0)).toBe(true);

    const again = await indexEntry(runtime.deps, { orgId: org, entryId: id });
    expect(again.status).toBe('unchanged');
    const forced = await indexEntry(runtime.deps, { orgId: org, entryId: id, force: true });
    expect(forced.status).toBe('indexed');
    const after = await chunkRows();
    const strip = (rows: Record<string, unknown>[]) => rows.map(({ id: _, ...rest }) => rest);
    expect(strip(after)).toEqual(strip(first));
    await expectStatsMatchChunks();
  });

  it('re-embeds only the chunks whose text changed, and keeps BM25 statistics exact', async () => {
    const api = await callerAs(runtime, user, org);
    const { id } = await api.knowledge.create({ title: 'Pricing study', body: LONG_BODY });
    await drain(runtime);
    const before = (await chunkRows()).filter((c) => c.entry_id === id);
    await api.knowledge.update({
      id,
      body: LONG_BODY.replace('Stockouts fell by a third', 'Stockouts fell by half'),
    });
    await drain(runtime);
    const after = (await chunkRows()).filter((c) => c.entry_id === id);
    const kept = after.filter((c) => before.some((b) => b.id === c.id));
    expect(kept.length).toBe(before.length - 1);
    await expectStatsMatchChunks();
    await api.knowledge.delete({ id });
    expect((await chunkRows()).some((c) => c.entry_id === id)).toBe(false);
    await expectStatsMatchChunks();
    await api.knowledge.restore({ id });
    await drain(runtime);
    expect((await chunkRows()).filter((c) => c.entry_id === id).length).toBe(after.length);
    await expectStatsMatchChunks();
  });

  it('takes a deletion or a switch to private out of search at once, before any job runs', async () => {
    const db = runtime.database.db;
    const other = (await createMember(db, { orgId: org })).user.id;
    const asAuthor = await callerAs(runtime, user, org);
    const asOther = await callerAs(runtime, other, org);
    const { id } = await asAuthor.knowledge.create({
      title: 'Zanzibar logistics memo',
      body: 'Zanzibar port congestion.',
    });
    await drain(runtime);
    const find = async (api: typeof asOther) =>
      (await api.search.query({ query: 'zanzibar congestion', mode: 'hybrid' })).items.some(
        (i) => i.id === id,
      );
    expect(await find(asOther)).toBe(true);
    await asAuthor.knowledge.update({ id, visibility: 'private' });
    expect(await find(asOther)).toBe(false);
    expect(await find(asAuthor)).toBe(true);
    await asAuthor.knowledge.delete({ id });
    expect(await find(asAuthor)).toBe(false);
    const related = await asAuthor.knowledge.list({ limit: 100 });
    expect(related.items.some((e) => e.id === id)).toBe(false);
  });
});
