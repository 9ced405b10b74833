import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from './client';
import { chunks, knowledgeEntries, organizations } from './schema';
import { seedDemoData } from './seed';
import { createEntry, createOrg, openTestDatabase, testDatabaseUrl } from './testing';

type Row = Record<string, unknown>;

async function rows(handle: DatabaseHandle, query: ReturnType<typeof sql>): Promise<Row[]> {
  const result = (await handle.db.execute(query)) as unknown as { rows?: Row[] } | Row[];
  return Array.isArray(result) ? result : (result.rows ?? []);
}

function unitVector(seed: number): string {
  const v = Array.from({ length: 1024 }, (_, i) => Math.sin(seed * 31 + i));
  const norm = Math.hypot(...v);
  return `[${v.map((x) => (x / norm).toFixed(6)).join(',')}]`;
}

const backends = [
  {
    name: 'PostgreSQL',
    open: () => openTestDatabase(),
    enabled: testDatabaseUrl() !== null,
  },
  { name: 'PGlite', open: () => openTestDatabase({ forcePglite: true }), enabled: true },
];

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(
    `schema on ${backend.name}${backend.enabled ? '' : ' (DATABASE_URL not set)'}`,
    () => {
      let handle: DatabaseHandle;
      let orgId: string;

      beforeAll(async () => {
        handle = await backend.open();
        const org = await createOrg(handle.db);
        orgId = org.id;
        const entry = await createEntry(handle.db, { orgId, title: 'Indexed', body: 'supply chain' });
        // Enough rows that the planner has something to choose between.
        for (let i = 0; i < 40; i++) {
          await handle.db.insert(chunks).values({
            orgId,
            entryId: entry.id,
            ordinal: i,
            text: i % 2 ? `warehouse replenishment batch ${i}` : `cloud migration wave ${i}`,
            heading: 'Findings',
            tokenCount: 4,
            contentHash: `h${i}`,
            embedding: sql`${unitVector(i)}::vector` as unknown as number[],
          });
        }
        await handle.db.execute(sql`analyze chunks`);
      });

      afterAll(async () => {
        await handle?.close();
      });

      it('creates every table of the data model with org_id where it is org-scoped', async () => {
        const tables = await rows(
          handle,
          sql`select table_name, bool_or(column_name = 'org_id') as has_org
            from information_schema.columns where table_schema = 'public' group by table_name`,
        );
        const byName = new Map(tables.map((t) => [t.table_name as string, t.has_org as boolean]));
        const orgScoped = [
          'memberships',
          'invitations',
          'api_keys',
          'engagements',
          'knowledge_entries',
          'knowledge_versions',
          'knowledge_categories',
          'tags',
          'templates',
          'knowledge_links',
          'chunks',
          'files',
          'news_feeds',
          'news_articles',
          'conversations',
          'messages',
          'ai_interactions',
          'budgets',
          'search_history',
          'audit_log',
        ];
        for (const t of orgScoped) expect(byName.get(t), t).toBe(true);
        expect(byName.has('organizations')).toBe(true);
        expect(byName.get('users')).toBe(false);
      });

      it('has an HNSW cosine index and a GIN tsvector index on chunks', async () => {
        const idx = await rows(
          handle,
          sql`select indexname, indexdef from pg_indexes where tablename = 'chunks'`,
        );
        const defs = idx.map((i) => String(i.indexdef));
        expect(defs.some((d) => /USING hnsw \(embedding vector_cosine_ops\)/.test(d))).toBe(true);
        expect(defs.some((d) => /USING gin \(org_id, tsv\)/.test(d))).toBe(true);
      });

      it("reads one partition's HNSW index for an organization's nearest neighbours, GIN indexes for text", async () => {
        await handle.db.transaction(async (tx) => {
          await tx.execute(sql`set local enable_seqscan = off`);
          const fts = await tx.execute(
            sql`explain select id from chunks where tsv @@ websearch_to_tsquery('english', 'replenishment')`,
          );
          // A tiny table: the planner would rather sort a few rows than walk the HNSW index.
          await tx.execute(sql`set local enable_bitmapscan = off`);
          await tx.execute(sql`set local enable_sort = off`);
          const knn = await tx.execute(
            sql`explain select id from chunks where org_id = ${orgId}
                order by embedding <=> ${unitVector(3)}::vector limit 5`,
          );
          const plan = (r: unknown) => JSON.stringify(Array.isArray(r) ? r : (r as { rows: unknown[] }).rows);
          // Partitioned by organization: the query names one, so one partition is read.
          const partitionsRead = (p: string) => new Set(p.match(/chunks_p\d\d/g));
          expect(plan(knn)).toMatch(/Index Scan using chunks_p\d\d_embedding_idx/);
          expect(partitionsRead(plan(knn)).size).toBe(1);
          expect(plan(fts)).toMatch(/Bitmap Index Scan on chunks_p\d\d_org_id_tsv_idx/);
        });
      });

      it('generates the tsvector from heading and text', async () => {
        const hit = await rows(
          handle,
          sql`select count(*)::int as n from chunks where org_id = ${orgId} and tsv @@ to_tsquery('english', 'findings & warehouse')`,
        );
        expect(hit[0]?.n).toBe(20);
      });

      it('rejects a chunk that belongs to neither an entry nor an article', async () => {
        await expect(
          handle.db.insert(chunks).values({ orgId, ordinal: 0, text: 'x', tokenCount: 1, contentHash: 'x' }),
        ).rejects.toThrow();
      });

      it('seeds the demo organization once, however often it runs', async () => {
        const first = await seedDemoData(handle.db);
        const second = await seedDemoData(handle.db);
        expect(second.created).toBe(false);
        expect(second.orgId).toBe(first.orgId);
        const entries = await handle.db.$count(knowledgeEntries, sql`org_id = ${first.orgId}`);
        expect(entries).toBeGreaterThanOrEqual(12);
        const orgs = await handle.db.$count(organizations, sql`slug = 'northwind-advisory'`);
        expect(orgs).toBe(1);
      });
    },
  );
}
