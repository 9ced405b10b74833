import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle, Executor } from './client';
import { withOrgContext } from './org-context';
import { reusableSelect } from './reusable';
import { engagements, knowledgeEntries } from './schema';
import { createEngagement, createEntry, createOrg, openTestDatabase } from './testing';

// A select with a left join (its side may be missing), a nested object, a decoded column and
// placeholders, as the API's hottest reads use it.
function build(db: Executor) {
  return db
    .select({
      id: knowledgeEntries.id,
      title: knowledgeEntries.title,
      createdAt: knowledgeEntries.createdAt,
      engagement: { id: engagements.id, name: engagements.name },
      words: sql<number>`${knowledgeEntries.wordCount} + 1`.mapWith(Number),
    })
    .from(knowledgeEntries)
    .leftJoin(engagements, eq(engagements.id, knowledgeEntries.engagementId))
    .where(
      and(
        eq(knowledgeEntries.orgId, sql.placeholder('orgId')),
        eq(knowledgeEntries.title, sql.placeholder('title')),
      ),
    );
}

describe('reusableSelect', () => {
  let handle: DatabaseHandle;
  let orgA: string;
  let orgB: string;
  let builds = 0;
  const byTitle = reusableSelect((db: Executor) => {
    builds++;
    return build(db);
  });

  beforeAll(async () => {
    handle = await openTestDatabase();
    orgA = (await createOrg(handle.db)).id;
    orgB = (await createOrg(handle.db)).id;
    const engagement = await createEngagement(handle.db, { orgId: orgA, name: 'Pricing review' });
    await createEntry(handle.db, { orgId: orgA, title: 'With engagement', engagementId: engagement.id });
    await createEntry(handle.db, { orgId: orgA, title: 'Without engagement' });
    await createEntry(handle.db, { orgId: orgB, title: 'Without engagement' });
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('returns what the same select built for each call returns, for each set of values', async () => {
    for (const [orgId, title] of [
      [orgA, 'With engagement'],
      [orgA, 'Without engagement'],
      [orgB, 'Without engagement'],
      [orgB, 'With engagement'],
    ] as const) {
      const expected = await build(handle.db).prepare('expected').execute({ orgId, title });
      const rows = await byTitle(handle.db, { orgId, title });
      expect(rows).toEqual(expected);
    }
    const [joined] = await byTitle(handle.db, { orgId: orgA, title: 'With engagement' });
    expect(joined?.engagement).toEqual({ id: expect.any(String), name: 'Pricing review' });
    expect(joined?.createdAt).toBeInstanceOf(Date);
    expect(typeof joined?.words).toBe('number');
    // A left join without a match gives null for the nested object, as drizzle's own execution does.
    const [alone] = await byTitle(handle.db, { orgId: orgA, title: 'Without engagement' });
    expect(alone?.engagement).toBeNull();
    expect(builds).toBe(1);
  });

  it("runs inside a transaction, under that transaction's row-level security", async () => {
    const inA = await withOrgContext(handle.db, orgA, (tx) =>
      byTitle(tx, { orgId: orgA, title: 'Without engagement' }),
    );
    expect(inA).toHaveLength(1);
    // Organization B's row is invisible from A's context even when the query asks for it by id.
    const crossing = await withOrgContext(handle.db, orgA, (tx) =>
      byTitle(tx, { orgId: orgB, title: 'Without engagement' }),
    );
    expect(crossing).toEqual([]);
    expect(builds).toBe(1);
  });
});
