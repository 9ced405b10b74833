import { enrichArticle } from '../../services/news/enrich-article';
import type { Deps } from '../../services/types';
import type { Processor } from '../contract';

/** Summarize, embed and score one article; idempotent (an enriched article is skipped). */
export const newsEnrichProcessor =
  (deps: Deps): Processor<'news-enrich'> =>
  async (payload, ctx) => {
    await ctx.updateProgress({ percent: 10, stage: 'enriching' });
    const result = await enrichArticle(deps, payload);
    await ctx.updateProgress({ percent: 100, stage: result.status });
    return result;
  };
