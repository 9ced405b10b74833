import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { vector } from '@electric-sql/pglite-pgvector';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { defaultPgliteDir, findRepoRoot, getDbEnv } from './env';
import { withPreparedStatements } from './prepared';
import * as schema from './schema';

export type Schema = typeof schema;
/** The common shape of the postgres.js and PGlite drivers: services only ever see this. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Anything a query can run on: the database or an open transaction. */
export type Executor = Database | Transaction;

export type DatabaseKind = 'postgres' | 'pglite';

export type DatabaseHandle = {
  db: Database;
  kind: DatabaseKind;
  /** Where the data lives: a redacted URL or the PGlite directory. */
  location: string;
  /** Applies the committed migrations; a test may pass another folder (e.g. only the older ones). */
  migrate: (folder?: string) => Promise<void>;
  ping: () => Promise<void>;
  close: () => Promise<void>;
};

export type CreateDatabaseOptions = {
  /** postgres:// URL; when absent an embedded PGlite database is used. */
  url?: string;
  /** PGlite directory; `memory://` for a throwaway in-memory database. */
  dataDir?: string;
  /**
   * Run parameterized queries as named prepared statements (default: DATABASE_PREPARED_STATEMENTS,
   * on). Turn off behind a pooler in transaction mode (PgBouncer < 1.21), which cannot keep them.
   */
  preparedStatements?: boolean;
  poolMax?: number;
};

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * The one client factory: `DATABASE_URL` set -> postgres.js; unset -> PGlite with pgvector,
 * persisted on disk. Both run the same committed migrations.
 */
export async function createDatabase(options: CreateDatabaseOptions = {}): Promise<DatabaseHandle> {
  const url = options.url;
  const folder = migrationsFolder();
  if (url) {
    const client = postgres(url, {
      max: options.poolMax ?? 10,
      onnotice: () => {},
      connection: { application_name: 'consailt' },
    });
    const prepared = options.preparedStatements ?? getDbEnv().DATABASE_PREPARED_STATEMENTS;
    const db = drizzlePostgres(prepared ? withPreparedStatements(client) : client, {
      schema,
    }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      location: redact(url),
      migrate: (from = folder) =>
        migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: from }),
      ping: async () => {
        await client`select 1`;
      },
      close: () => client.end({ timeout: 5 }),
    };
  }

  const dataDir = options.dataDir ?? defaultPgliteDir();
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir, { extensions: { vector, btree_gin } });
  const db = drizzlePglite(pg, { schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    location: dataDir,
    migrate: async (from = folder) => {
      // Extensions must exist before drizzle's migrator opens its transaction.
      await pg.exec('CREATE EXTENSION IF NOT EXISTS vector; CREATE EXTENSION IF NOT EXISTS btree_gin;');
      await migratePglite(drizzlePglite(pg, { schema }), { migrationsFolder: from });
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => pg.close(),
  };
}

/** Committed SQL migrations, found from the repo root: bundlers (Next.js) move this file. */
export function migrationsFolder(): string {
  return path.join(/*turbopackIgnore: true*/ findRepoRoot(), 'packages/db/migrations');
}

/** Create a database from the environment (DATABASE_URL / PGLITE_DATA_DIR). */
export function createDatabaseFromEnv(): Promise<DatabaseHandle> {
  const env = getDbEnv();
  return createDatabase({ url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX });
}
