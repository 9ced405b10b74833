import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database, type DatabaseHandle, migrationsFolder } from './client';
import { queryRows } from './rows';
import { createEntry, createOrg } from './testing';
import { testDatabaseUrl } from './testing/test-database';

/**
 * Migration 0013 turns `chunks` into a partitioned table by copying every row. A database written
 * before it must come out with the same chunks (ids, text, vectors, generated tsvectors) and the
 * same BM25 statistics, and the statistics triggers must keep working on the new table.
 */
const PARTITIONING = '0013_chunks_partitioned_by_org';

/** The committed migrations up to (not including) `tag`, as a folder drizzle's migrator reads. */
function migrationsBefore(tag: string): string {
  const source = migrationsFolder();
  const dir = mkdtempSync(path.join(tmpdir(), 'consailt-migrations-'));
  mkdirSync(path.join(dir, 'meta'));
  const journal = JSON.parse(readFileSync(path.join(source, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  if (cut < 1) throw new Error(`migration ${tag} not found`);
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries)
    copyFileSync(path.join(source, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  return dir;
}

const backends: { name: string; enabled: boolean; open: () => Promise<DatabaseHandle> }[] = [
  { name: 'PGlite', enabled: true, open: () => createDatabase({ dataDir: 'memory://' }) },
  {
    name: 'PostgreSQL',
    enabled: testDatabaseUrl() !== null,
    // A database of its own, migrated step by step, dropped afterwards.
    open: async () => {
      const admin = postgres(testDatabaseUrl() ?? '', { max: 1, onnotice: () => {} });
      const name = `consailt_migration_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      await admin.unsafe(`create database ${name}`);
      const url = new URL(testDatabaseUrl() ?? '');
      url.pathname = `/${name}`;
      const handle = await createDatabase({ url: url.toString(), poolMax: 1 });
      await handle.db.execute(sql`create extension if not exists vector`);
      return {
        ...handle,
        close: async () => {
          await handle.close();
          await admin.unsafe(`drop database if exists ${name}`);
          await admin.end({ timeout: 5 });
        },
      };
    },
  },
];

type Snapshot = { chunks: unknown[]; terms: unknown[]; corpus: unknown[] };

async function snapshot(db: Database): Promise<Snapshot> {
  return {
    chunks: await queryRows(
      db,
      sql`select id, org_id, entry_id, ordinal, text, heading, heading_path, token_count, content_hash,
            embedding::text as embedding, tsv::text as tsv, term_count, created_at
          from chunks order by id`,
    ),
    terms: await queryRows(
      db,
      sql`select org_id, lexeme, df from term_stats where df > 0 order by org_id, lexeme`,
    ),
    corpus: await queryRows(
      db,
      sql`select org_id, chunk_count, term_total from corpus_stats order by org_id`,
    ),
  };
}

const unit = (i: number) => `[${Array.from({ length: 1024 }, (_, j) => (j === i % 1024 ? 1 : 0)).join(',')}]`;

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`migration ${PARTITIONING} on ${backend.name}`, () => {
    const folders: string[] = [];
    afterAll(() => {
      for (const f of folders) rmSync(f, { recursive: true, force: true });
    });

    it('keeps every chunk and BM25 statistic, and the statistics triggers work on the partitioned table', async () => {
      const handle = await backend.open();
      try {
        const before = migrationsBefore(PARTITIONING);
        folders.push(before);
        await handle.migrate(before);
        const [kind] = await queryRows<{ kind: string }>(
          handle.db,
          sql`select relkind::text as kind from pg_class where relname = 'chunks'`,
        );
        expect(kind?.kind).toBe('r');

        // Three organizations' chunks, written before the migration (statistics kept by 0004's triggers).
        const texts = [
          'Warehouse replenishment findings',
          'Pricing review for the retail client',
          'Supply chain risk',
        ];
        for (let o = 0; o < 3; o++) {
          const org = await createOrg(handle.db);
          const entry = await createEntry(handle.db, { orgId: org.id, title: `Entry ${o}` });
          for (let i = 0; i < 5; i++) {
            await handle.db.execute(
              sql`insert into chunks (org_id, entry_id, ordinal, text, heading, token_count, content_hash, embedding)
                  values (${org.id}, ${entry.id}, ${i}, ${`${texts[o]} number ${i}: ${texts[(o + i) % 3]}`},
                    ${`Entry ${o}`}, 12, ${`hash-${o}-${i}`}, ${unit(o * 5 + i)}::vector)`,
            );
          }
        }
        const written = await snapshot(handle.db);
        expect(written.chunks).toHaveLength(15);
        expect(written.terms.length).toBeGreaterThan(10);

        await handle.migrate(migrationsFolder());
        const [after] = await queryRows<{ kind: string; partitions: number }>(
          handle.db,
          sql`select relkind::text as kind,
                (select count(*)::int from pg_partition_tree('chunks') where isleaf) as partitions
              from pg_class where relname = 'chunks'`,
        );
        expect(after).toEqual({ kind: 'p', partitions: 16 });
        expect(await snapshot(handle.db)).toEqual(written);

        // The triggers moved with the table: a new chunk counts, a deleted one stops counting.
        const [one] = await queryRows<{ org_id: string; entry_id: string }>(
          handle.db,
          sql`select org_id, entry_id from chunks order by id limit 1`,
        );
        const df = async () =>
          (
            await queryRows<{ df: number }>(
              handle.db,
              sql`select coalesce((select df from term_stats where org_id = ${one?.org_id} and lexeme = 'zeppelin'), 0)::int as df`,
            )
          )[0]?.df;
        await handle.db.execute(
          sql`insert into chunks (org_id, entry_id, ordinal, text, token_count, content_hash)
              values (${one?.org_id}, ${one?.entry_id}, 99, 'Zeppelin logistics', 2, 'hash-new')`,
        );
        expect(await df()).toBe(1);
        await handle.db.execute(sql`delete from chunks where entry_id = ${one?.entry_id} and ordinal = 99`);
        expect(await df()).toBe(0);
      } finally {
        await handle.close();
      }
    }, 120_000);
  });
}
