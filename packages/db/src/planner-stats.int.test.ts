import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client';
import { entryContentHash } from './hash';
import { ANALYZE_LOCK_KEY, analyzeGrownTables, PLANNED_TABLES, scheduleAnalyze } from './planner-stats';
import { queryRows } from './rows';
import { knowledgeEntries } from './schema';
import { createOrg, openTestDatabase, testDatabaseUrl } from './testing';

async function addEntries(handle: DatabaseHandle, orgId: string, count: number) {
  const values = Array.from({ length: count }, (_, i) => {
    const title = `Planner statistics entry ${i}`;
    const body = `Notes from workshop ${i}: ${'the client asked about pricing and procurement. '.repeat(4)}`;
    return { orgId, title, body, contentHash: entryContentHash(title, body) };
  });
  for (let i = 0; i < values.length; i += 500)
    await handle.db.insert(knowledgeEntries).values(values.slice(i, i + 500));
}

/** The planner's row estimate for one organization's live entries (what search plans start from). */
async function estimatedEntries(handle: DatabaseHandle, orgId: string): Promise<number> {
  const [row] = await queryRows<{ 'QUERY PLAN': unknown }>(
    handle.db,
    sql`explain (format json) select id from knowledge_entries where org_id = ${orgId} and deleted_at is null`,
  );
  const plan = row?.['QUERY PLAN'];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: { 'Plan Rows': number } }[];
  return parsed[0]?.Plan['Plan Rows'] ?? 0;
}

// The growth rule on a database of its own (PGlite in memory: no autovacuum, as in the embedded mode).
describe('analyzeGrownTables on an embedded database', () => {
  let handle: DatabaseHandle;
  let orgId: string;

  beforeAll(async () => {
    handle = await openTestDatabase({ forcePglite: true });
    orgId = (await createOrg(handle.db)).id;
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("analyzes a table that grew, so the planner sees the organization's rows, and then nothing", async () => {
    await analyzeGrownTables(handle.db);
    await addEntries(handle, orgId, 3000);
    expect(await estimatedEntries(handle, orgId)).toBeLessThan(300);

    const analyzed = await analyzeGrownTables(handle.db);
    expect(analyzed).toContain('knowledge_entries');
    expect(analyzed.every((t) => (PLANNED_TABLES as readonly string[]).includes(t))).toBe(true);
    const estimate = await estimatedEntries(handle, orgId);
    expect(estimate).toBeGreaterThan(2000);
    expect(estimate).toBeLessThan(4000);

    // Up to date now: a second pass has nothing to do, and a small growth stays under the threshold.
    expect(await analyzeGrownTables(handle.db)).toEqual([]);
    await addEntries(handle, orgId, 20);
    expect(await analyzeGrownTables(handle.db)).toEqual([]);
  });

  it('schedules at most one pass per interval, in the background', async () => {
    const other = (await createOrg(handle.db)).id;
    await addEntries(handle, other, 3000);
    const analyzed = new Promise<string[]>((resolve) =>
      scheduleAnalyze(
        handle.db,
        (err) => {
          throw err;
        },
        { onAnalyzed: resolve, intervalMs: 60_000 },
      ),
    );
    expect(await analyzed).toContain('knowledge_entries');
    expect(await estimatedEntries(handle, other)).toBeGreaterThan(2000);

    // Within the interval a second request does not run, so the new rows stay unanalyzed.
    const third = (await createOrg(handle.db)).id;
    await addEntries(handle, third, 4000);
    let ran = false;
    scheduleAnalyze(handle.db, () => {}, {
      onAnalyzed: () => {
        ran = true;
      },
      intervalMs: 60_000,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(ran).toBe(false);
    expect(await analyzeGrownTables(handle.db)).toContain('knowledge_entries');
  });
});

describe.skipIf(testDatabaseUrl() === null)('analyzeGrownTables on PostgreSQL', () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(async () => {
    await handle?.close();
  });

  it('analyzes only planned tables, and yields to a pass already running', async () => {
    const orgId = (await createOrg(handle.db)).id;
    await addEntries(handle, orgId, 500);
    const analyzed = await analyzeGrownTables(handle.db);
    expect(analyzed.every((t) => (PLANNED_TABLES as readonly string[]).includes(t))).toBe(true);

    // A pass in another transaction holds the lock: this one returns at once, analyzing nothing.
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${ANALYZE_LOCK_KEY})`);
      await expect(analyzeGrownTables(handle.db)).resolves.toEqual([]);
    });
  });
});
