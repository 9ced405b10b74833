import { describe, expect, it } from 'vitest';
import { bm25Idf } from './bm25';
import { fuseRankings } from './fusion';
import { parseHighlights } from './snippets';

const hit = (chunkId: string, entryId: string, score = 1) => ({
  chunkId,
  entryId,
  articleId: null,
  score,
  coverage: 0.5,
});

describe('reciprocal rank fusion', () => {
  it('rewards what both rankings agree on and honours the weights', () => {
    const lexical = [hit('c1', 'e1'), hit('c2', 'e2'), hit('c3', 'e3')];
    const vector = [hit('c3', 'e3'), hit('c1', 'e1'), hit('c4', 'e4')];
    const fused = fuseRankings(
      [
        { source: 'lexical', hits: lexical, weight: 1 },
        { source: 'vector', hits: vector, weight: 1 },
      ],
      { k: 60, by: 'entry' },
    );
    expect(fused.map((f) => f.entryId)).toEqual(['e1', 'e3', 'e2', 'e4']);
    expect(fused[0]).toMatchObject({ lexicalRank: 1, vectorRank: 2, score: 1 / 61 + 1 / 62 });
    const lexicalOnly = fuseRankings(
      [
        { source: 'lexical', hits: lexical, weight: 1 },
        { source: 'vector', hits: vector, weight: 0 },
      ],
      { by: 'entry' },
    );
    expect(lexicalOnly.slice(0, 3).map((f) => f.entryId)).toEqual(['e1', 'e2', 'e3']);
  });

  it('fuses per entry, showing the chunk from the ranking where the entry does best', () => {
    const fused = fuseRankings(
      [
        { source: 'lexical', hits: [hit('a1', 'e1')], weight: 1 },
        { source: 'vector', hits: [hit('x', 'e2'), hit('a2', 'e1')], weight: 1 },
      ],
      { by: 'entry' },
    );
    expect(fused.find((f) => f.entryId === 'e1')?.chunkId).toBe('a1');
  });
});

describe('bm25 helpers', () => {
  it('uses the never-negative Lucene IDF', () => {
    expect(bm25Idf(10, 10)).toBeGreaterThan(0);
    expect(bm25Idf(1000, 1)).toBeGreaterThan(bm25Idf(1000, 100));
  });

  it('splits ts_headline markers into safe runs', () => {
    expect(parseHighlights('a \u0002b\u0003 <c>')).toEqual([
      { text: 'a ', highlight: false },
      { text: 'b', highlight: true },
      { text: ' <c>', highlight: false },
    ]);
  });
});
