import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client';
import { withOrgContext } from './org-context';
import { knowledgeEntries } from './schema';
import { createEntry, createOrg, openTestDatabase, testDatabaseUrl } from './testing';

// The org context's transaction semantics, on both drivers: postgres.js takes the pipelined path
// (BEGIN + context in one message on a reserved connection), PGlite drizzle's own transaction.
const backends = [
  { name: 'PostgreSQL', open: () => openTestDatabase(), enabled: testDatabaseUrl() !== null },
  { name: 'PGlite', open: () => openTestDatabase({ forcePglite: true }), enabled: true },
];

/** postgres.js returns the rows, PGlite `{ rows }`. */
function firstRow(result: unknown): Record<string, unknown> | undefined {
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows[0] as Record<string, unknown> | undefined;
}

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`withOrgContext on ${backend.name}`, () => {
    let handle: DatabaseHandle;
    let orgId: string;

    beforeAll(async () => {
      handle = await backend.open();
      orgId = (await createOrg(handle.db)).id;
    });
    afterAll(async () => {
      await handle?.close();
    });

    const titles = async () =>
      (await handle.db.select().from(knowledgeEntries).where(eq(knowledgeEntries.orgId, orgId))).map(
        (r) => r.title,
      );

    it('runs as the app role with the organization set, and commits', async () => {
      const ctx = await withOrgContext(handle.db, orgId, async (tx) => {
        await createEntry(tx, { orgId, title: 'committed' });
        return firstRow(
          await tx.execute(sql`select current_setting('app.org_id') as org, current_user as role`),
        );
      });
      expect(ctx).toMatchObject({ org: orgId, role: 'consailt_app' });
      expect(await titles()).toContain('committed');
      // Transaction-local: the pooled connection is back to its own role afterwards.
      const after = firstRow(await handle.db.execute(sql`select current_user as role`));
      expect(after?.role).not.toBe('consailt_app');
    });

    it('commits a procedure that makes no query', async () => {
      await expect(withOrgContext(handle.db, orgId, async () => 'nothing')).resolves.toBe('nothing');
    });

    it('rolls everything back when fn throws, and keeps a nested savepoint rollback local', async () => {
      await expect(
        withOrgContext(handle.db, orgId, async (tx) => {
          await createEntry(tx, { orgId, title: 'rolled back' });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await titles()).not.toContain('rolled back');

      await withOrgContext(handle.db, orgId, async (tx) => {
        await createEntry(tx, { orgId, title: 'outer' });
        await tx
          .transaction(async (inner) => {
            await createEntry(inner, { orgId, title: 'inner' });
            throw new Error('inner failure');
          })
          .catch(() => {});
      });
      const after = await titles();
      expect(after).toContain('outer');
      expect(after).not.toContain('inner');
    });

    it('refuses rows of another organization inside the context', async () => {
      const other = (await createOrg(handle.db)).id;
      await expect(
        withOrgContext(handle.db, orgId, (tx) => createEntry(tx, { orgId: other, title: 'smuggled' })),
      ).rejects.toThrow();
    });
  });
}
