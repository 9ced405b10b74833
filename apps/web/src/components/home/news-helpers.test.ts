import { describe, expect, it } from 'vitest';
import { type NewsArticle, pickRelevantNews } from './news-helpers';

const explanation = { similarity: 0.5, clientNameMatch: false, keywordMatches: [] };
function article(id: string, day: number, scores: Record<string, number>): NewsArticle {
  return {
    id,
    feedId: 'f',
    feedTitle: 'Feed',
    title: id,
    link: null,
    author: null,
    summary: null,
    excerpt: '',
    publishedAt: new Date(Date.UTC(2026, 0, day)),
    readAt: null,
    savedEntryId: null,
    suggestedTags: [],
    enriched: true,
    enrichError: null,
    relevance: Object.entries(scores).map(([engagementName, score]) => ({
      engagementId: engagementName,
      engagementName,
      score,
      explanation,
    })),
  };
}

describe('pickRelevantNews', () => {
  it('ranks by the best engagement score, newer first on ties, and drops unscored articles', () => {
    const picked = pickRelevantNews([
      article('low', 5, { Contoso: 0.2 }),
      article('none', 6, {}),
      article('zero', 7, { Contoso: 0 }),
      article('high', 1, { Contoso: 0.3, Fabrikam: 0.9 }),
      article('tie-old', 2, { Contoso: 0.2 }),
    ]);
    expect(picked.map((p) => p.article.id)).toEqual(['high', 'low', 'tie-old']);
    expect(picked[0]?.best.engagementName).toBe('Fabrikam');
  });

  it('keeps at most the limit', () => {
    const many = Array.from({ length: 8 }, (_, i) => article(`a${i}`, i + 1, { X: 0.1 * (i + 1) }));
    expect(pickRelevantNews(many, 3).map((p) => p.article.id)).toEqual(['a7', 'a6', 'a5']);
  });
});
