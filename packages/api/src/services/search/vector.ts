import type { Executor } from '@consailt/db';
import { type SQL, sql } from 'drizzle-orm';
import type { RankedChunk } from './bm25';
import { queryRows, vectorLiteral } from './sql-utils';

export type VectorOptions = {
  depth: number;
  perEntry: number;
  /** Drop neighbours below this cosine similarity (0 keeps everything). */
  minSimilarity?: number;
};

/** Up to this many chunks in an organization, an exact scan beats walking the shared HNSW graph. */
export const EXACT_SCAN_MAX_CHUNKS = 2_000;

/**
 * Nearest chunks by cosine distance through the HNSW index. The organization, visibility and
 * filters are applied while the index is walked; pgvector's iterative scan (0.8+) keeps walking
 * until enough rows pass them, so a small organization inside a large table still gets its
 * `depth` results. `relaxed_order` may return neighbours slightly out of order, so they are
 * sorted again here. Older pgvector versions skip the setting (plain ef_search then).
 */
export async function vectorSearch(
  db: Executor,
  orgId: string,
  queryVector: ArrayLike<number>,
  filter: SQL,
  opts: VectorOptions,
): Promise<RankedChunk[]> {
  // Neighbours to walk: grouping by entry drops some, so a margin over depth × perEntry.
  const k = Math.min(1000, opts.depth * Math.max(opts.perEntry, 1) + 10);
  // A large organization walks the HNSW graph. PostgreSQL would otherwise switch to an exact scan
  // (every chunk of the organization, detoasted, then sorted) as soon as k passes the point where
  // its cost model, which cannot see the iterative scan, prefers it: 2-4x slower at 10,000 chunks.
  // Turning off sorts for this transaction leaves the index's ordered scan as the only cheap plan.
  // A small organization keeps the exact scan: faster there, and exact.
  // plan_cache_mode: these settings shape the plan, and PostgreSQL does not re-plan a cached generic
  // plan when they change, so the (prepared) statement is planned for each search.
  await db.execute(sql`select set_config('hnsw.ef_search', ${String(Math.max(k, 40))}, true),
    set_config('plan_cache_mode', 'force_custom_plan', true),
    (select set_config('hnsw.iterative_scan', 'relaxed_order', true) from pg_extension
      where extname = 'vector' and string_to_array(extversion, '.')::int[] >= '{0,8,0}'),
    (select set_config('enable_sort', 'off', true) from corpus_stats
      where org_id = ${orgId} and chunk_count > ${EXACT_SCAN_MAX_CHUNKS}::int)`);
  const v = vectorLiteral(queryVector);
  // Only the nearest-neighbour walk runs in SQL (its one ordering comes from the index); grouping
  // by entry and the final order are done here on at most k rows.
  const rows = await queryRows<{
    id: string;
    entry_id: string | null;
    article_id: string | null;
    similarity: number;
  }>(
    db,
    sql`select c.id, c.entry_id, c.article_id, (1 - (c.embedding <=> ${v}))::float8 as similarity
        from chunks c
        where c.org_id = ${orgId} and c.embedding is not null and ${filter}
        order by c.embedding <=> ${v}
        limit ${k}::int`,
  );
  const minSimilarity = opts.minSimilarity ?? -1;
  const sorted = rows
    .map((r) => ({ ...r, similarity: Number(r.similarity) }))
    .filter((r) => r.similarity >= minSimilarity)
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const perSource = new Map<string, number>();
  const out: RankedChunk[] = [];
  for (const r of sorted) {
    const source = r.entry_id ?? r.article_id ?? r.id;
    const seen = perSource.get(source) ?? 0;
    if (seen >= opts.perEntry) continue;
    perSource.set(source, seen + 1);
    out.push({
      chunkId: r.id,
      entryId: r.entry_id,
      articleId: r.article_id,
      score: r.similarity,
      coverage: 0,
    });
    if (out.length >= opts.depth) break;
  }
  return out;
}
