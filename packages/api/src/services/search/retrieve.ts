import { AiError } from '@consailt/ai';
import { withOrgContext } from '@consailt/db';
import { z } from 'zod';
import { throwIfCancelled } from '../../errors';
import type { Deps, OrgScope } from '../types';
import { actorUserId } from '../types';
import { type Bm25Params, DEFAULT_BM25, type LexicalResult, lexicalSearch, type QueryTerm } from './bm25';
import { chunkFilterSql, onlyVisibility, type ZSearchFilters } from './filters';
import { type FusedHit, type FusionInput, fuseRankings } from './fusion';
import { vectorSearch } from './vector';

export const SEARCH_MODES = ['lexical', 'vector', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/** Tuning knobs of hybrid retrieval, overridable per call (the benchmark sweeps them). */
export const ZRetrievalTuning = z.object({
  /** RRF weight of each ranking (default 1 : 0.5). */
  lexicalWeight: z.number().min(0).max(10).optional(),
  vectorWeight: z.number().min(0).max(10).optional(),
  rrfK: z.number().int().min(1).max(1000).optional(),
  k1: z.number().min(0).max(5).optional(),
  b: z.number().min(0).max(1).optional(),
});
export type RetrievalTuning = z.infer<typeof ZRetrievalTuning>;

/**
 * Vector ranking at half the weight of BM25: on Cranfield with the offline embedder, 1:0.5 and
 * 1:0.3 beat both 1:1 and BM25 alone (docs/BENCHMARKS.md); revisit with the production embedder.
 */
export const DEFAULT_TUNING = { lexicalWeight: 1, vectorWeight: 0.5, rrfK: 60 } as const;

export type RetrieveOptions = {
  mode: SearchMode;
  /** Rows wanted after fusion. */
  depth: number;
  /** Fuse entries (search results) or chunks (answer passages, up to `perEntry` per entry). */
  by: 'entry' | 'chunk';
  perEntry: number;
  tuning?: RetrievalTuning;
  minSimilarity?: number;
  /**
   * The caller's request signal: once aborted, the rankings that have not started are skipped.
   * Results as you type send a search per pause; a superseded one is cancelled by the browser, and
   * on a single connection (the embedded mode) it would otherwise still queue ahead of the next.
   */
  signal?: AbortSignal;
};

export type Retrieval = {
  hits: FusedHit[];
  terms: QueryTerm[];
  lexical: LexicalResult | null;
  embedCostMicroUsd: number;
  /** Why a hybrid retrieval ran on keywords alone (the query could not be embedded), else null. */
  vectorSkipped: string | null;
};

/**
 * Embeds a query for vector retrieval (null when the mode needs no vector), with what it cost.
 * Call it outside any transaction: it is a model call.
 */
export async function embedQuery(
  deps: Pick<Deps, 'ai'>,
  scope: OrgScope,
  query: string,
  mode: SearchMode,
): Promise<{ vector: Float32Array; costMicroUsd: number } | null> {
  if (mode === 'lexical') return null;
  const res = await deps.ai.embed({
    orgId: scope.orgId,
    userId: actorUserId(scope.actor),
    apiKeyId: scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
    texts: [query],
    kind: 'query',
  });
  const vector = res.vectors[0];
  return vector ? { vector, costMicroUsd: res.costMicroUsd } : null;
}

/**
 * Lexical, vector or hybrid retrieval over what the actor may see, fused by RRF. The two rankings
 * run concurrently, each in its own short org-scoped transaction: BM25 starts at once while the
 * query is being embedded (a model call, outside any transaction), then the vector search runs.
 */
export async function retrieve(
  deps: Pick<Deps, 'db' | 'ai'>,
  scope: OrgScope,
  query: string,
  filters: z.output<typeof ZSearchFilters>,
  opts: RetrieveOptions,
): Promise<Retrieval> {
  const tuning = { ...DEFAULT_TUNING, ...opts.tuning };
  const bm25: Bm25Params = { k1: tuning.k1 ?? DEFAULT_BM25.k1, b: tuning.b ?? DEFAULT_BM25.b };
  const filter = chunkFilterSql(scope, filters);
  // Each ranking goes deeper than the page so fusion can promote what only one of them found.
  const listDepth =
    opts.mode === 'hybrid' ? Math.min(400, Math.max(20, Math.ceil(opts.depth * 1.5))) : opts.depth;
  const lexicalRun =
    opts.mode === 'vector'
      ? Promise.resolve(null)
      : withOrgContext(deps.db, scope.orgId, (tx) => {
          throwIfCancelled(opts.signal);
          return lexicalSearch(tx, scope.orgId, query, filter, {
            depth: listDepth,
            perEntry: opts.perEntry,
            bm25,
            lateFilter: onlyVisibility(filters),
          });
        });
  let vectorSkipped: string | null = null;
  const vectorRun = (async () => {
    let embedded: Awaited<ReturnType<typeof embedQuery>>;
    throwIfCancelled(opts.signal);
    try {
      embedded = await embedQuery(deps, scope, query, opts.mode);
    } catch (err) {
      // Hybrid degrades to keywords when the embedding model refuses (budget spent, no model
      // available, provider down); vector-only has nothing to fall back on and reports it.
      if (opts.mode !== 'hybrid' || !(err instanceof AiError) || err.code === 'CANCELLED') throw err;
      vectorSkipped = err.message;
      return null;
    }
    if (!embedded) return null;
    const hits = await withOrgContext(deps.db, scope.orgId, (tx) => {
      throwIfCancelled(opts.signal);
      return vectorSearch(tx, scope.orgId, embedded.vector, filter, {
        // Fusion mostly needs the head of the vector ranking: as deep as the page, no deeper. The walk
        // of the shared HNSW graph (other organizations' nodes are skipped) is the larger part of the
        // hybrid latency: for a first page of 10, 11 neighbours instead of 20 is 18 against 24 ms
        // (p50; p95 26 against 37) over 10,000-chunk organizations of a 100,000-chunk graph.
        depth: opts.mode === 'hybrid' ? Math.min(listDepth, opts.depth) : listDepth,
        perEntry: opts.perEntry,
        minSimilarity: opts.minSimilarity,
      });
    });
    return { hits, costMicroUsd: embedded.costMicroUsd };
  })();
  const [lexical, vector] = await Promise.all([lexicalRun, vectorRun]);
  const lists: FusionInput[] = [];
  if (lexical) lists.push({ source: 'lexical', hits: lexical.hits, weight: tuning.lexicalWeight });
  if (vector) lists.push({ source: 'vector', hits: vector.hits, weight: tuning.vectorWeight });
  const hits = fuseRankings(lists, { k: tuning.rrfK, by: opts.by }).slice(0, opts.depth);
  return {
    hits,
    terms: lexical?.terms ?? [],
    lexical,
    embedCostMicroUsd: vector?.costMicroUsd ?? 0,
    vectorSkipped,
  };
}
