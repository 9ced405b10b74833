import type { Executor } from '@consailt/db';
import { type SQL, sql } from 'drizzle-orm';
import { anyLexemeQuery, queryRows } from './sql-utils';

export type Bm25Params = { k1: number; b: number };
export const DEFAULT_BM25: Bm25Params = { k1: 0.9, b: 0.4 };

/** A query lexeme with its BM25 weight in this organization. */
export type QueryTerm = { lexeme: string; qtf: number; df: number; idf: number };

export type RankedChunk = {
  chunkId: string;
  entryId: string | null;
  articleId: string | null;
  score: number;
  /** Share of the query's IDF mass this chunk matches (0-1): the "is it about this?" signal. */
  coverage: number;
};

export type LexicalResult = {
  hits: RankedChunk[];
  terms: QueryTerm[];
  /** Chunks scored (the last pass); and whether the top list is provably the exact BM25 top. */
  candidates: number;
  exact: boolean;
};

export type LexicalOptions = {
  /** Rows to return (after keeping at most `perEntry` chunks of one entry or article). */
  depth: number;
  perEntry: number;
  bm25?: Bm25Params;
  /** Posting-list length (sum of df) the first pass may read; later passes widen it. */
  candidateBudget?: number;
  /** Hard cap on chunks scored in one pass; hitting it makes the ranking approximate. */
  candidateCap?: number;
  /**
   * Once a full list is found, the essential set stops growing past this many candidates (sum of
   * df, at most N): the rest of the ranking is then approximate (`exact: false`). Only very large
   * organizations with queries made of common words reach it.
   */
  maxCandidates?: number;
  /**
   * `filter` is visibility alone (no filter narrows the search): check it on the head of the
   * ranking instead of on every candidate, falling back to the filtered pass when too much of the
   * head is hidden. Same results, less work per candidate.
   */
  lateFilter?: boolean;
};

/** Lucene's BM25 IDF: never negative, so a very common term still counts a little. */
export function bm25Idf(n: number, df: number): number {
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** The query's lexemes (same parser and stemmer as the index) with df and N of the organization. */
async function queryTerms(
  db: Executor,
  orgId: string,
  query: string,
): Promise<{ terms: QueryTerm[]; avgdl: number; queryWeight: number; n: number }> {
  const rows = await queryRows<{ lexeme: string; qtf: number; df: number; n: number; total: number }>(
    db,
    sql`select q.lexeme, q.qtf, coalesce(t.df, 0)::int as df,
          coalesce(s.chunk_count, 0)::float8 as n, coalesce(s.term_total, 0)::float8 as total
        from (select lexeme, coalesce(array_length(positions, 1), 1)::int as qtf
              from unnest(to_tsvector('english', ${query}))) q
        -- The scoring passes below are planned for their own lexemes and limits (a cached generic
        -- plan cannot see how common a word is), so prepared statements re-plan in this transaction.
        -- Random reads are priced as what they are here, reads from memory: at PostgreSQL's default
        -- (4x a sequential read, for spinning disks) a word in a seventh of an organization's chunks
        -- was found by reading all of them (20,000 chunks: 15 ms) instead of through the GIN index
        -- (5 ms).
        cross join (select set_config('plan_cache_mode', 'force_custom_plan', true),
          set_config('random_page_cost', '1.1', true)) planning
        left join term_stats t on t.org_id = ${orgId} and t.lexeme = q.lexeme
        left join corpus_stats s on s.org_id = ${orgId}`,
  );
  const n = Number(rows[0]?.n ?? 0);
  const total = Number(rows[0]?.total ?? 0);
  const all = rows.map((r) => ({
    lexeme: r.lexeme,
    qtf: Number(r.qtf),
    df: Number(r.df),
    idf: bm25Idf(n, Number(r.df)),
  }));
  // Words no chunk contains still count in the query's weight: a chunk that matches "pricing" is
  // only partly about "Globex pricing" when Globex appears nowhere.
  const queryWeight = all.reduce((s, t) => s + t.qtf * t.idf, 0);
  return { terms: all.filter((t) => t.df > 0), avgdl: n > 0 ? Math.max(total / n, 1) : 1, queryWeight, n };
}

type PassRow = {
  id: string;
  entry_id: string | null;
  article_id: string | null;
  score: number;
  matched: number;
  scored: number;
  /** Rows of the ranking's head checked for visibility (late filtering), else null. */
  head_rows: number | null;
};

/**
 * Term frequency of one lexeme in a chunk, read from the tsvector without unnesting it:
 * ts_rank with every weight 1 and a one-lexeme query is Σ_{j≤tf} 1/j² / (π²/6), and since
 * π²/6 − Σ_{j≤tf} 1/j² ≈ 1/(tf + ½), tf = round(1 / (π²/6 · (1 − rank)) − ½). Exact up to the
 * 256 positions a tsvector keeps per lexeme (where BM25 has long saturated anyway); 0 when absent.
 * One binary search per call, no unnest(); read once per term and chunk (the score and the coverage
 * both use it).
 */
const termFrequency = (lexeme: string) =>
  sql`round(1 / (1.64493406685 * (1 - ts_rank('{1,1,1,1}', d.tsv, ${anyLexemeQuery([lexeme])}, 0))) - 0.5)`;

/**
 * One scoring pass: chunks matching any `essential` lexeme (GIN on org_id + tsv) are scored with
 * every query term. Each term adds w·(k1+1)·(1 − K/(tf + K)), the BM25 saturation written so tf
 * appears once, with K = k1·(1 − b + b·dl/avgdl).
 */
function passSql(
  orgId: string,
  filter: SQL,
  terms: QueryTerm[],
  essential: QueryTerm[],
  avgdl: number,
  p: Bm25Params,
  o: { depth: number; perEntry: number; cap: number; lateFilter: boolean },
): SQL {
  // Each term's frequency is read once per chunk (f.tN), then used by the score and the coverage.
  const frequencies = sql.join(
    terms.map((t, i) => sql`${termFrequency(t.lexeme)} as ${sql.raw(`t${i}`)}`),
    sql`, `,
  );
  const score = sql.join(
    terms.map(
      (t, i) => sql`${t.qtf * t.idf * (p.k1 + 1)}::float8 * (1 - norm.k / (f.${sql.raw(`t${i}`)} + norm.k))`,
    ),
    sql` + `,
  );
  const matched = sql.join(
    terms.map((t, i) => sql`case when f.${sql.raw(`t${i}`)} > 0 then ${t.qtf * t.idf}::float8 else 0 end`),
    sql` + `,
  );
  return sql`
    with scored as (
      select c.id, c.entry_id, c.article_id, (${score})::float8 as score, (${matched})::float8 as matched
      from chunks c
      -- Read each candidate's tsvector once: a value stored out of line (TOAST: rows written before
      -- migration 0012, or a very long chunk) would otherwise be fetched again by every function
      -- reading c.tsv, two per query term. setweight() is the cheapest full copy (the weights are
      -- ignored: ts_rank runs with all weights 1); OFFSET 0 keeps the subquery from being flattened
      -- back into those calls.
      cross join lateral (select setweight(c.tsv, 'A') as tsv offset 0) d
      cross join lateral (select ${frequencies} offset 0) f
      cross join lateral (select ${p.k1}::float8 * (1 - ${p.b}::float8 + ${p.b}::float8 * c.term_count / ${avgdl}::float8) as k) norm
      where c.org_id = ${orgId} and c.tsv @@ ${anyLexemeQuery(essential.map((t) => t.lexeme))}
        and ${o.lateFilter ? sql`true` : filter}
      limit ${o.cap}::int
    ),
    ranked as (
      select scored.*,
        row_number() over (partition by coalesce(entry_id, article_id) order by score desc, id) as rn,
        count(*) over () as scored_count
      from scored
    )${
      o.lateFilter
        ? sql`,
    -- Visibility is checked on the head of the ranking only (lateFilterRows), not on every
    -- candidate: it is the same for all chunks of an entry, so the per-entry ranks stand.
    head as (
      select * from ranked where rn <= ${o.perEntry}::int order by score desc, id limit ${lateFilterRows(o.depth)}::int
    )
    select c.id, c.entry_id, c.article_id, c.score, c.matched, c.scored_count::int as scored,
      (select count(*) from head)::int as head_rows
    from head c where ${filter}
    order by c.score desc, c.id limit ${o.depth}::int`
        : sql`
    select id, entry_id, article_id, score, matched, scored_count::int as scored, null::int as head_rows
    from ranked where rn <= ${o.perEntry}::int
    order by score desc, id limit ${o.depth}::int`
    }`;
}

/**
 * With no filter but visibility, the scoring pass checks visibility on this many of the best rows
 * instead of on every candidate (a lookup of the entry per candidate: a third of a pass over
 * thousands of candidates). Exact unless more than the margin of those rows are hidden (another
 * user's private entries), which the caller detects and answers with the filtered pass.
 */
function lateFilterRows(depth: number): number {
  return depth * 2 + 20;
}

/**
 * BM25 (k1, b) over the organization's chunks, with exact top-k pruning in the MaxScore style:
 * a chunk that matches none of the "essential" (highest-impact) terms scores below the sum of the
 * other terms' upper bounds (idf·qtf·(k1+1)); once that sum is below the k-th score found, the
 * top k is exact without scoring chunks that only contain common words. Otherwise the essential
 * set grows and the pass repeats. `candidateCap` bounds the work of one pass for pathological
 * queries (only very common words in a very large organization); the result then says `exact: false`.
 */
export async function lexicalSearch(
  db: Executor,
  orgId: string,
  query: string,
  filter: SQL,
  opts: LexicalOptions,
): Promise<LexicalResult> {
  const p = opts.bm25 ?? DEFAULT_BM25;
  const cap = opts.candidateCap ?? 20_000;
  const { terms, avgdl, queryWeight: totalWeight, n: corpusSize } = await queryTerms(db, orgId, query);
  if (terms.length === 0) return { hits: [], terms, candidates: 0, exact: true };
  const upper = (t: QueryTerm) => t.qtf * t.idf * (p.k1 + 1);
  const byImpact = [...terms].sort((a, b) => upper(b) - upper(a) || a.df - b.df);

  const budget = opts.candidateBudget ?? 1_000;
  let essentialCount = 0;
  let dfSum = 0;
  while (essentialCount < byImpact.length) {
    const next = byImpact[essentialCount] as QueryTerm;
    if (essentialCount > 0 && dfSum + next.df > budget) break;
    dfSum += next.df;
    essentialCount++;
  }

  let late = opts.lateFilter ?? false;
  for (;;) {
    const essential = byImpact.slice(0, essentialCount);
    const pass = (lateFilter: boolean) =>
      queryRows<PassRow>(
        db,
        passSql(orgId, filter, terms, essential, avgdl, p, {
          depth: opts.depth,
          perEntry: opts.perEntry,
          cap,
          lateFilter,
        }),
      );
    let rows = await pass(late);
    // A short list from a full head may hide visible rows past the head: rank with the filter.
    // No row at all says nothing (not even how many candidates there were): the same.
    if (
      late &&
      (rows.length === 0 ||
        (rows.length < opts.depth && Number(rows[0]?.head_rows) >= lateFilterRows(opts.depth)))
    ) {
      late = false;
      rows = await pass(false);
    }
    const scored = Number(rows[0]?.scored ?? 0);
    const hits = rows.map((r) => ({
      chunkId: r.id,
      entryId: r.entry_id,
      articleId: r.article_id,
      score: Number(r.score),
      coverage: totalWeight > 0 ? Math.min(1, Number(r.matched) / totalWeight) : 0,
    }));
    const rest = byImpact.slice(essentialCount);
    const theta = hits.length >= opts.depth ? (hits.at(-1)?.score ?? 0) : 0;
    let bound = rest.reduce((s, t) => s + upper(t), 0);
    if (rest.length === 0 || bound < theta) return { hits, terms, candidates: scored, exact: scored < cap };
    if (scored >= cap) return { hits, terms, candidates: scored, exact: false };
    const grown = byImpact
      .slice(essentialCount)
      .reduce((acc, t) => (acc.bound >= theta ? { bound: acc.bound - upper(t), df: acc.df + t.df } : acc), {
        bound,
        df: dfSum,
      });
    if (hits.length >= opts.depth && Math.min(grown.df, corpusSize) > (opts.maxCandidates ?? 1_500)) {
      return { hits, terms, candidates: scored, exact: false };
    }
    // Move the strongest remaining terms into the essential set until the rest cannot reach θ
    // (θ only grows as candidates are added). With θ = 0 (too few hits) that is every term.
    do {
      const moved = byImpact[essentialCount] as QueryTerm;
      bound -= upper(moved);
      dfSum += moved.df;
      essentialCount++;
    } while (essentialCount < byImpact.length && bound >= theta);
  }
}
