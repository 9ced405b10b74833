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

/**
 * Nearest chunks by cosine distance through the HNSW index. The organization, visibility and
 * filters are applied while the index is walked; pgvector's iterative scan (0.8+) keeps walking
 * until enough rows pass them, so a small organization inside a large table still gets its
 * `depth` results. `relaxed_order` may return neighbours slightly out of order, so the outer
 * query sorts again. Older pgvector versions skip the setting (plain ef_search then).
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
  await db.execute(sql`select set_config('hnsw.ef_search', ${String(Math.max(k, 40))}, true),
    (select set_config('hnsw.iterative_scan', 'relaxed_order', true) from pg_extension
      where extname = 'vector' and string_to_array(extversion, '.')::int[] >= '{0,8,0}')`);
  const v = vectorLiteral(queryVector);
  const rows = await queryRows<{
    id: string;
    entry_id: string | null;
    article_id: string | null;
    similarity: number;
  }>(
    db,
    sql`select id, entry_id, article_id, similarity from (
          select nn.*, row_number() over (partition by coalesce(entry_id, article_id) order by similarity desc, id) as rn
          from (
            select c.id, c.entry_id, c.article_id, (1 - (c.embedding <=> ${v}))::float8 as similarity
            from chunks c
            where c.org_id = ${orgId} and c.embedding is not null and ${filter}
            order by c.embedding <=> ${v}
            limit ${k}::int
          ) nn
        ) g
        where rn <= ${opts.perEntry}::int and similarity >= ${opts.minSimilarity ?? -1}::float8
        order by similarity desc, id limit ${opts.depth}::int`,
  );
  return rows.map((r) => ({
    chunkId: r.id,
    entryId: r.entry_id,
    articleId: r.article_id,
    score: Number(r.similarity),
    coverage: 0,
  }));
}
