import type { RouterOutputs } from '@/trpc/react';

export type NewsArticle = RouterOutputs['news']['list']['items'][number];
type Relevance = NewsArticle['relevance'][number];

/**
 * The articles most relevant to any engagement, best score first (newer first on ties), each with
 * the engagement it scored best for. Articles scored for no engagement (or at zero) are left out.
 */
export function pickRelevantNews(
  articles: readonly NewsArticle[],
  limit = 5,
): { article: NewsArticle; best: Relevance }[] {
  const scored: { article: NewsArticle; best: Relevance }[] = [];
  for (const article of articles) {
    const best = article.relevance.reduce<Relevance | null>(
      (top, r) => (top === null || r.score > top.score ? r : top),
      null,
    );
    if (best && best.score > 0) scored.push({ article, best });
  }
  return scored
    .sort(
      (a, b) =>
        b.best.score - a.best.score || b.article.publishedAt.getTime() - a.article.publishedAt.getTime(),
    )
    .slice(0, limit);
}
