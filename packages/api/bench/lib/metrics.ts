import { gain } from './cranfield';

/** nDCG@k with graded gains (linear gain, log2 discount). */
export function ndcgAt(ranked: number[], judged: Map<number, number>, k: number): number {
  let dcg = 0;
  ranked.slice(0, k).forEach((doc, i) => {
    dcg += gain(judged.get(doc)) / Math.log2(i + 2);
  });
  const ideal = [...judged.values()]
    .map(gain)
    .filter((g) => g > 0)
    .sort((a, b) => b - a)
    .slice(0, k);
  const idcg = ideal.reduce((s, g, i) => s + g / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

const relevantCount = (judged: Map<number, number>) => [...judged.values()].filter((g) => gain(g) > 0).length;

/** Average precision over the top k, normalized by all relevant documents (trec_eval's AP@k). */
export function apAt(ranked: number[], judged: Map<number, number>, k: number): number {
  const r = relevantCount(judged);
  if (r === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((doc, i) => {
    if (gain(judged.get(doc)) > 0) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return sum / r;
}

export function recallAt(ranked: number[], judged: Map<number, number>, k: number): number {
  const r = relevantCount(judged);
  if (r === 0) return 0;
  return ranked.slice(0, k).filter((doc) => gain(judged.get(doc)) > 0).length / r;
}

export const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return 0;
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? 0;
}

export const round = (x: number, d = 4) => Math.round(x * 10 ** d) / 10 ** d;
