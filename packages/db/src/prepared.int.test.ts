import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from './client';
import { withOrgContext } from './org-context';
import { knowledgeEntries } from './schema';
import { createEntry, createOrg, testDatabaseUrl } from './testing';

const url = testDatabaseUrl();

/** postgres.js returns the rows as an array. */
function rows(result: unknown): Record<string, unknown>[] {
  return result as Record<string, unknown>[];
}

// One connection, so every query below shares its statement cache: what one organization's
// request prepared is what the next organization's request runs.
describe.skipIf(!url)('prepared statements on PostgreSQL', () => {
  let prepared: DatabaseHandle;
  let unprepared: DatabaseHandle;
  let orgA: string;
  let orgB: string;

  beforeAll(async () => {
    prepared = await createDatabase({ url: url ?? '', poolMax: 1, preparedStatements: true });
    unprepared = await createDatabase({ url: url ?? '', poolMax: 1, preparedStatements: false });
    orgA = (await createOrg(prepared.db)).id;
    orgB = (await createOrg(prepared.db)).id;
    await createEntry(prepared.db, { orgId: orgA, title: 'only in A' });
    await createEntry(prepared.db, { orgId: orgB, title: 'only in B' });
  });
  afterAll(async () => {
    await prepared?.close();
    await unprepared?.close();
  });

  const statementsOn = async (handle: DatabaseHandle, marker: string) =>
    Number(
      rows(
        await handle.db.execute(
          sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`}`,
        ),
      )[0]?.n,
    );

  it('keeps a parameterized query as a named statement on the connection, only when enabled', async () => {
    const query = (handle: DatabaseHandle) =>
      handle.db
        .select({ title: knowledgeEntries.title })
        .from(knowledgeEntries)
        .where(and(eq(knowledgeEntries.orgId, orgA), eq(knowledgeEntries.title, 'only in A')));
    for (let i = 0; i < 3; i++) expect((await query(prepared)).map((r) => r.title)).toEqual(['only in A']);
    expect(
      await statementsOn(
        prepared,
        'where ("knowledge_entries"."org_id" = $1 and "knowledge_entries"."title" = $2)',
      ),
    ).toBe(1);
    await query(unprepared);
    expect(await statementsOn(unprepared, 'from "knowledge_entries"')).toBe(0);
  });

  it('applies row-level security per transaction to a statement prepared for another organization', async () => {
    // Without an org filter in the query: only the RLS policy (app.org_id) separates the two.
    const visible = (orgId: string) =>
      withOrgContext(prepared.db, orgId, async (tx) =>
        (
          await tx
            .select({ title: knowledgeEntries.title })
            .from(knowledgeEntries)
            .where(sql`${knowledgeEntries.title} like ${'only in %'}`)
        ).map((r) => r.title),
      );
    // More than five runs each: past the point where PostgreSQL may switch to a cached generic plan.
    for (let i = 0; i < 7; i++) {
      expect(await visible(orgA)).toEqual(['only in A']);
      expect(await visible(orgB)).toEqual(['only in B']);
    }
    expect(await statementsOn(prepared, '"knowledge_entries"."title" like $1')).toBe(1);
  });

  it('prepares inside drizzle transactions too', async () => {
    const titles = await prepared.db.transaction(async (tx) =>
      (await tx.select().from(knowledgeEntries).where(eq(knowledgeEntries.orgId, orgB))).map((r) => r.title),
    );
    expect(titles).toEqual(['only in B']);
    expect(await statementsOn(prepared, 'where "knowledge_entries"."org_id" = $1')).toBeGreaterThan(0);
  });
});
