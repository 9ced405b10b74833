import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { queryRows } from './rows';

/**
 * Tables whose planner statistics decide the plans of search and listings. Without them
 * PostgreSQL estimates one row for an organization's entries and walks every entry into the
 * chunks table: a hybrid search over 10,000 entries took 4 s instead of 90 ms.
 */
export const PLANNED_TABLES = [
  'chunks',
  'knowledge_entries',
  'term_stats',
  'entry_tags',
  'news_articles',
  'news_relevance',
  'search_history',
] as const;

/** A table is re-analyzed once it has grown this much (by pages) since its last ANALYZE. */
const GROWTH_FACTOR = 1.2;
const MIN_GROWTH_PAGES = 8;
/** Advisory lock key held by a pass ('cons' 'a'): one analyzer at a time across processes. */
export const ANALYZE_LOCK_KEY = 0x636f6e73_61;

/**
 * ANALYZEs the tables that have grown by a fifth (and 8 pages) since they were last analyzed, or
 * were never analyzed: what autovacuum would do, for databases that have none. PGlite runs
 * PostgreSQL in single-user mode (no autovacuum), and a server may have it turned off. Growth is read
 * from the relation's size against `pg_class.relpages` (set by ANALYZE/VACUUM), which costs nothing,
 * unlike counting rows; statistics counters are not kept in single-user mode. Where autovacuum
 * runs, it keeps `relpages` current and this finds nothing to do.
 *
 * Runs as the connection's own role (the tables' owner); one caller at a time across processes
 * (a transaction-level advisory lock), others return at once. Returns the tables analyzed.
 */
export async function analyzeGrownTables(db: Database): Promise<string[]> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(
      tx,
      sql`select pg_try_advisory_xact_lock(${ANALYZE_LOCK_KEY}) as locked`,
    );
    if (!lock?.locked) return [];
    // A partitioned table (chunks) is measured by its partitions: ANALYZE of the parent samples the
    // whole table for its own statistics and analyzes every partition too.
    const grown = await queryRows<{ name: string }>(
      tx,
      sql`select c.relname::text as name from pg_class c,
            lateral (select sum(pg_relation_size(l.oid)) as bytes, sum(l.relpages) as pages from pg_class l
                     where (c.relkind = 'r' and l.oid = c.oid)
                       or (c.relkind = 'p' and l.oid in (select t.relid from pg_partition_tree(c.oid) t where t.isleaf))
                    ) leaves
          where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
            and c.relname = any(${`{${PLANNED_TABLES.join(',')}}`}::text[])
            and leaves.bytes / current_setting('block_size')::int
              > greatest(leaves.pages * ${GROWTH_FACTOR}::float8, leaves.pages + ${MIN_GROWTH_PAGES}::int)
          order by c.relname`,
    );
    const names = grown.map((r) => r.name);
    for (const name of names) await tx.execute(sql`analyze ${sql.identifier(name)}`);
    return names;
  });
}

type Scheduler = { running: boolean; lastAt: number };
const schedulers = new WeakMap<object, Scheduler>();

/**
 * `analyzeGrownTables` at most once per `intervalMs` per database handle in this process, in the
 * background: writers call it after each batch (indexing, imports) without waiting for it.
 * `onError` receives a failure (statistics are an optimization: nothing is lost without them).
 */
export function scheduleAnalyze(
  db: Database,
  onError: (err: unknown) => void,
  opts: { intervalMs?: number; onAnalyzed?: (tables: string[]) => void } = {},
): void {
  const interval = opts.intervalMs ?? 15_000;
  let state = schedulers.get(db);
  if (!state) {
    state = { running: false, lastAt: Number.NEGATIVE_INFINITY };
    schedulers.set(db, state);
  }
  const now = Date.now();
  if (state.running || now - state.lastAt < interval) return;
  state.running = true;
  state.lastAt = now;
  const s = state;
  analyzeGrownTables(db)
    .then((tables) => {
      if (tables.length > 0) opts.onAnalyzed?.(tables);
    })
    .catch(onError)
    .finally(() => {
      s.running = false;
    });
}
