import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client';
import { withOrgContext } from './org-context';
import { knowledgeEntries, organizations } from './schema';
import { createEntry, createOrg, openTestDatabase, testDatabaseUrl } from './testing';

const backends = [
  {
    name: 'PostgreSQL',
    open: () => openTestDatabase(),
    enabled: testDatabaseUrl() !== null,
  },
  { name: 'PGlite', open: () => openTestDatabase({ forcePglite: true }), enabled: true },
];

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`row-level security on ${backend.name}`, () => {
    let handle: DatabaseHandle;
    let orgA: string;
    let orgB: string;

    beforeAll(async () => {
      handle = await backend.open();
      orgA = (await createOrg(handle.db)).id;
      orgB = (await createOrg(handle.db)).id;
      await createEntry(handle.db, { orgId: orgA, title: 'A1' });
      await createEntry(handle.db, { orgId: orgB, title: 'B1' });
    });
    afterAll(async () => {
      await handle?.close();
    });

    it('a query that forgets its org_id filter still sees only its own organization', async () => {
      const titles = await withOrgContext(handle.db, orgA, (tx) =>
        tx.select({ title: knowledgeEntries.title, orgId: knowledgeEntries.orgId }).from(knowledgeEntries),
      );
      expect(titles.length).toBeGreaterThan(0);
      expect(titles.every((t) => t.orgId === orgA)).toBe(true);
      const orgs = await withOrgContext(handle.db, orgA, (tx) => tx.select().from(organizations));
      expect(orgs.map((o) => o.id)).toEqual([orgA]);
    });

    it("cannot write into another organization's rows", async () => {
      await expect(
        withOrgContext(handle.db, orgA, (tx) => createEntry(tx, { orgId: orgB, title: 'smuggled' })),
      ).rejects.toThrow();
      const updated = await withOrgContext(handle.db, orgA, (tx) =>
        tx
          .update(knowledgeEntries)
          .set({ title: 'hijacked' })
          .where(sql`org_id = ${orgB}`)
          .returning({ id: knowledgeEntries.id }),
      );
      expect(updated).toEqual([]);
    });

    it('runs as a role that is not a superuser and cannot bypass row-level security', async () => {
      const [row] = await withOrgContext(handle.db, orgA, (tx) =>
        tx.execute(
          sql`select current_user as role, r.rolsuper as superuser, r.rolbypassrls as bypass from pg_roles r where r.rolname = current_user`,
        ),
      ).then((r) => (Array.isArray(r) ? r : (r as unknown as { rows: Record<string, unknown>[] }).rows));
      expect(row).toMatchObject({ role: 'consailt_app', superuser: false, bypass: false });
    });

    it('enables row-level security with a policy on every table that has org_id', async () => {
      const result = await handle.db.execute(sql`
        select c.relname as table, c.relrowsecurity as rls,
               exists (select 1 from pg_policies p where p.tablename = c.relname) as has_policy
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
          and exists (select 1 from information_schema.columns col
                      where col.table_name = c.relname and col.column_name = 'org_id')`);
      const rows = (Array.isArray(result) ? result : (result as unknown as { rows: unknown[] }).rows) as {
        table: string;
        rls: boolean;
        has_policy: boolean;
      }[];
      expect(rows.length).toBeGreaterThan(15);
      const unprotected = rows.filter((r) => !r.rls || !r.has_policy).map((r) => r.table);
      expect(unprotected, 'tables with org_id but no row-level security').toEqual([]);
    });

    it("closes chunks' partitions to the application role (only the parent has the policy)", async () => {
      const partitions = await handle.db.execute(
        sql`select relid::regclass::text as name from pg_partition_tree('chunks') where isleaf`,
      );
      const names = (
        (Array.isArray(partitions) ? partitions : (partitions as unknown as { rows: unknown[] }).rows) as {
          name: string;
        }[]
      ).map((r) => r.name);
      expect(names.length).toBe(16);
      for (const name of [names[0], names[15]]) {
        const refused = await handle.db
          .transaction(async (tx) => {
            await tx.execute(sql`select set_config('role', 'consailt_app', true)`);
            await tx.execute(sql`select count(*) from ${sql.identifier(name ?? '')}`);
          })
          .then(
            () => 'allowed',
            (err: { cause?: unknown }) => String(err.cause ?? err),
          );
        expect(refused).toMatch(/permission denied for table chunks_p\d\d/);
      }
    });

    it('sees nothing when no organization is set', async () => {
      const rows = await handle.db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('role', 'consailt_app', true)`);
        return tx.select().from(knowledgeEntries);
      });
      expect(rows).toEqual([]);
    });
  });
}
