/**
 * A plain in-memory BM25 (Robertson/Lucene IDF, k1 and b), the yardstick the SQL ranking is
 * compared with. Documents and queries arrive as lexeme → frequency maps, so both sides score the
 * very same tokens.
 */
export type TermFreqs = Map<string, number>;

export function createReferenceBm25(docs: Map<number, TermFreqs>, k1 = 0.9, b = 0.4) {
  const df = new Map<string, number>();
  const len = new Map<number, number>();
  let total = 0;
  for (const [id, tf] of docs) {
    let l = 0;
    for (const [term, n] of tf) {
      df.set(term, (df.get(term) ?? 0) + 1);
      l += n;
    }
    len.set(id, l);
    total += l;
  }
  const n = docs.size;
  const avgdl = n > 0 ? total / n : 1;
  const idf = (term: string) => {
    const d = df.get(term) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
  return {
    /** Document ids by descending score (ties by id), at most `k`. */
    search(query: TermFreqs, k: number): number[] {
      const scores: [number, number][] = [];
      for (const [id, tf] of docs) {
        let s = 0;
        for (const [term, qtf] of query) {
          const f = tf.get(term);
          if (!f) continue;
          const norm = 1 - b + (b * (len.get(id) ?? 0)) / avgdl;
          s += qtf * idf(term) * ((f * (k1 + 1)) / (f + k1 * norm));
        }
        if (s > 0) scores.push([id, s]);
      }
      scores.sort((x, y) => y[1] - x[1] || x[0] - y[0]);
      return scores.slice(0, k).map(([id]) => id);
    },
  };
}
