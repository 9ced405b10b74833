import { withOrgContext } from '@consailt/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { retrieve, type ZSearchFilters } from '../search';
import { loadChunkViews } from '../search/snippets';
import { queryRows, uuidArray } from '../search/sql-utils';
import type { Deps, OrgScope } from '../types';
import type { AskSource } from './prompt';

/** Passages offered to the model per question. */
export const MAX_SOURCES = 8;
/** A passage counts as relevant when it matches this share of the question's (IDF-weighted) words… */
export const MIN_COVERAGE = 0.5;
/** …or is this close in meaning (cosine similarity of the embeddings). */
export const MIN_SIMILARITY = 0.4;

export type RetrievedSources = { sources: AskSource[]; costMicroUsd: number };

/**
 * Hybrid retrieval for an answer, as the actor: the same ranking as search, at chunk level (up to
 * three passages of one entry), keeping only passages that are plausibly about the question. An
 * empty list means "nothing relevant": the caller says so instead of answering.
 */
export async function retrieveSources(
  deps: Pick<Deps, 'db' | 'ai'>,
  scope: OrgScope,
  query: string,
  filters: z.output<typeof ZSearchFilters>,
): Promise<RetrievedSources> {
  const { hits, terms, embedCostMicroUsd } = await retrieve(deps, scope, query, filters, {
    mode: 'hybrid',
    depth: MAX_SOURCES * 2,
    by: 'chunk',
    perEntry: 3,
  });
  const sources = await withOrgContext(deps.db, scope.orgId, async (tx) => {
    const relevant = hits
      .filter((h) => h.coverage >= MIN_COVERAGE || (h.similarity ?? 0) >= MIN_SIMILARITY)
      .slice(0, MAX_SOURCES);
    if (relevant.length === 0) return [];
    const views = await loadChunkViews(
      tx,
      scope.orgId,
      relevant.map((h) => h.chunkId),
      terms.map((t) => t.lexeme),
    );
    const ids = relevant.map((h) => h.entryId ?? h.articleId).filter((id): id is string => id !== null);
    const titles = await queryRows<{ id: string; title: string }>(
      tx,
      sql`select id, title from knowledge_entries where org_id = ${scope.orgId} and id = any(${uuidArray(ids)})
          union all
          select id, title from news_articles where org_id = ${scope.orgId} and id = any(${uuidArray(ids)})`,
    );
    const titleOf = new Map(titles.map((t) => [t.id, t.title]));
    const out: AskSource[] = [];
    for (const h of relevant) {
      const view = views.get(h.chunkId);
      const title = titleOf.get(h.entryId ?? h.articleId ?? '');
      if (!view || title === undefined) continue;
      out.push({
        n: out.length + 1,
        entryId: h.entryId,
        articleId: h.articleId,
        chunkId: h.chunkId,
        title,
        heading: view.heading,
        text: view.text,
        snippet: view.snippet.map((p) => p.text).join(''),
      });
    }
    return out;
  });
  return { sources, costMicroUsd: embedCostMicroUsd };
}
