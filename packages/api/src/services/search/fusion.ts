import type { RankedChunk } from './bm25';

export type RankingSource = 'lexical' | 'vector';

export type FusedHit = {
  chunkId: string;
  entryId: string | null;
  articleId: string | null;
  /** Reciprocal-rank-fusion score: Σ weight / (k + rank). */
  score: number;
  lexicalRank: number | null;
  lexicalScore: number | null;
  vectorRank: number | null;
  similarity: number | null;
  coverage: number;
};

export type FusionInput = { source: RankingSource; hits: RankedChunk[]; weight: number };

/**
 * Reciprocal rank fusion (Cormack et al. 2009) with per-list weights. `by: 'entry'` fuses entries
 * (each list holds one best chunk per entry; the shown chunk is the one from the list where the
 * entry ranks best, lexical first on ties, since its snippet carries the highlighted words);
 * `by: 'chunk'` fuses chunks (for answers, which want several passages of one entry).
 */
export function fuseRankings(lists: FusionInput[], opts: { k?: number; by: 'entry' | 'chunk' }): FusedHit[] {
  const k = opts.k ?? 60;
  const fused = new Map<string, FusedHit & { bestRank: number }>();
  for (const list of lists) {
    list.hits.forEach((hit, i) => {
      const rank = i + 1;
      const key = opts.by === 'chunk' ? hit.chunkId : (hit.entryId ?? hit.articleId ?? hit.chunkId);
      let f = fused.get(key);
      if (!f) {
        f = {
          chunkId: hit.chunkId,
          entryId: hit.entryId,
          articleId: hit.articleId,
          score: 0,
          lexicalRank: null,
          lexicalScore: null,
          vectorRank: null,
          similarity: null,
          coverage: 0,
          bestRank: rank,
        };
        fused.set(key, f);
      } else if (rank < f.bestRank) {
        f.chunkId = hit.chunkId;
        f.bestRank = rank;
      }
      f.score += list.weight / (k + rank);
      if (list.source === 'lexical') {
        f.lexicalRank = rank;
        f.lexicalScore = hit.score;
        f.coverage = Math.max(f.coverage, hit.coverage);
      } else {
        f.vectorRank = rank;
        f.similarity = hit.score;
      }
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score || a.bestRank - b.bestRank || a.chunkId.localeCompare(b.chunkId))
    .map(({ bestRank: _, ...hit }) => hit);
}
