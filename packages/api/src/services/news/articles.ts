import { engagements, knowledgeEntries, newsArticles, newsFeeds, newsRelevance } from '@consailt/db';
import { and, desc, eq, exists, inArray, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../errors';
import { createEntry } from '../knowledge/create-entry';
import type { Deps, OrgScope } from '../types';

/** Relevance at or above this counts as "about" an engagement for the engagement filter. */
export const RELEVANT_SCORE = 0.25;

export const ZListArticlesInput = z.object({
  feedId: z.uuid().optional(),
  engagementId: z.uuid().optional(),
  unread: z.boolean().optional(),
  saved: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.string().max(200).nullish(),
});
export type ListArticlesInput = z.input<typeof ZListArticlesInput>;
export const ZMarkReadInput = z.object({
  ids: z.array(z.uuid()).min(1).max(200),
  read: z.boolean().default(true),
});
export const ZSaveArticleInput = z.object({ id: z.uuid(), engagementId: z.uuid().nullish() });

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at = '', id = ''] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at);
  if (!/^[0-9a-f-]{36}$/i.test(id) || Number.isNaN(date.getTime()))
    throw new ValidationError('Invalid cursor');
  return { at: date, id };
}
const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

async function relevanceFor(deps: Pick<Deps, 'db'>, orgId: string, articleIds: string[]) {
  if (articleIds.length === 0) return new Map<string, RelevanceRow[]>();
  const rows = await deps.db
    .select({
      articleId: newsRelevance.articleId,
      engagementId: newsRelevance.engagementId,
      engagementName: engagements.name,
      score: newsRelevance.score,
      explanation: newsRelevance.explanation,
    })
    .from(newsRelevance)
    .innerJoin(engagements, eq(engagements.id, newsRelevance.engagementId))
    .where(and(eq(newsRelevance.orgId, orgId), inArray(newsRelevance.articleId, articleIds)))
    .orderBy(desc(newsRelevance.score));
  const out = new Map<string, RelevanceRow[]>();
  for (const { articleId, ...r } of rows) out.set(articleId, [...(out.get(articleId) ?? []), r]);
  return out;
}
type RelevanceRow = {
  engagementId: string;
  engagementName: string;
  score: number;
  explanation: typeof newsRelevance.$inferSelect.explanation;
};

const articleColumns = {
  id: newsArticles.id,
  feedId: newsArticles.feedId,
  feedTitle: newsFeeds.title,
  title: newsArticles.title,
  link: newsArticles.link,
  author: newsArticles.author,
  summary: newsArticles.summary,
  content: newsArticles.content,
  publishedAt: newsArticles.publishedAt,
  readAt: newsArticles.readAt,
  savedEntryId: newsArticles.savedEntryId,
  suggestedTags: newsArticles.suggestedTags,
  enrichedAt: newsArticles.enrichedAt,
  enrichError: newsArticles.enrichError,
};
type ArticleRow = {
  id: string;
  feedId: string;
  feedTitle: string;
  title: string;
  link: string | null;
  author: string | null;
  summary: string | null;
  content: string;
  publishedAt: Date;
  readAt: Date | null;
  savedEntryId: string | null;
  suggestedTags: string[];
  enrichedAt: Date | null;
  enrichError: string | null;
};

function toDto(row: ArticleRow, relevance: RelevanceRow[], withContent: boolean) {
  const { content, enrichedAt, ...rest } = row;
  return {
    ...rest,
    excerpt: content.slice(0, 300),
    content: withContent ? content : undefined,
    enriched: enrichedAt !== null,
    relevance: relevance.slice(0, 5),
  };
}

/** Articles newest first (keyset-paginated), with summary, source feed and top relevance. */
export async function listArticles(deps: Pick<Deps, 'db'>, scope: OrgScope, raw: ListArticlesInput) {
  const input = ZListArticlesInput.parse(raw);
  const conds: SQL[] = [eq(newsArticles.orgId, scope.orgId)];
  if (input.feedId) conds.push(eq(newsArticles.feedId, input.feedId));
  if (input.unread !== undefined)
    conds.push(input.unread ? isNull(newsArticles.readAt) : isNotNull(newsArticles.readAt));
  if (input.saved !== undefined)
    conds.push(input.saved ? isNotNull(newsArticles.savedEntryId) : isNull(newsArticles.savedEntryId));
  if (input.engagementId) {
    const relevant = deps.db
      .select({ one: sql`1` })
      .from(newsRelevance)
      .where(
        and(
          eq(newsRelevance.articleId, newsArticles.id),
          eq(newsRelevance.engagementId, input.engagementId),
          sql`${newsRelevance.score} >= ${RELEVANT_SCORE}`,
        ),
      );
    conds.push(or(exists(relevant), eq(newsFeeds.engagementId, input.engagementId)) as SQL);
  }
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    conds.push(
      or(
        lt(newsArticles.publishedAt, c.at),
        and(eq(newsArticles.publishedAt, c.at), sql`${newsArticles.id} < ${c.id}`),
      ) as SQL,
    );
  }
  const rows = await deps.db
    .select(articleColumns)
    .from(newsArticles)
    .innerJoin(newsFeeds, eq(newsFeeds.id, newsArticles.feedId))
    .where(and(...conds))
    .orderBy(desc(newsArticles.publishedAt), desc(newsArticles.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const relevance = await relevanceFor(
    deps,
    scope.orgId,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) => toDto(r, relevance.get(r.id) ?? [], false)),
    nextCursor: rows.length > input.limit && last ? encodeCursor(last.publishedAt, last.id) : null,
  };
}

export async function getArticle(deps: Pick<Deps, 'db'>, scope: OrgScope, input: { id: string }) {
  const [row] = await deps.db
    .select(articleColumns)
    .from(newsArticles)
    .innerJoin(newsFeeds, eq(newsFeeds.id, newsArticles.feedId))
    .where(and(eq(newsArticles.id, input.id), eq(newsArticles.orgId, scope.orgId)));
  if (!row) throw new NotFoundError('Article', input.id);
  const relevance = await relevanceFor(deps, scope.orgId, [row.id]);
  return toDto(row, relevance.get(row.id) ?? [], true);
}

/** Mark articles read (or unread again); ids of other organizations are silently not touched. */
export async function markArticlesRead(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.infer<typeof ZMarkReadInput>,
) {
  const updated = await deps.db
    .update(newsArticles)
    .set({ readAt: input.read ? new Date() : null })
    .where(and(eq(newsArticles.orgId, scope.orgId), inArray(newsArticles.id, input.ids)))
    .returning({ id: newsArticles.id });
  // All or nothing: an id that is not this organization's fails the call (and rolls it back).
  const missing = input.ids.find((id) => !updated.some((u) => u.id === id));
  if (missing) throw new NotFoundError('Article', missing);
  return { updated: updated.length };
}

/**
 * Save an article as a knowledge entry (source `news`, indexed by its ingest job). Saving twice
 * returns the entry saved the first time while it still exists.
 */
export async function saveArticleToKnowledge(
  deps: Deps,
  scope: OrgScope,
  input: z.infer<typeof ZSaveArticleInput>,
): Promise<{ entryId: string; created: boolean }> {
  const [article] = await deps.db
    .select({
      ...articleColumns,
      feedEngagementId: newsFeeds.engagementId,
      savedDeleted: knowledgeEntries.deletedAt,
    })
    .from(newsArticles)
    .innerJoin(newsFeeds, eq(newsFeeds.id, newsArticles.feedId))
    .leftJoin(knowledgeEntries, eq(knowledgeEntries.id, newsArticles.savedEntryId))
    .where(and(eq(newsArticles.id, input.id), eq(newsArticles.orgId, scope.orgId)))
    .for('update', { of: newsArticles });
  if (!article) throw new NotFoundError('Article', input.id);
  if (article.savedEntryId && !article.savedDeleted) return { entryId: article.savedEntryId, created: false };
  const source = article.link ? `[${article.feedTitle}](${article.link})` : article.feedTitle;
  const body = [
    `> Source: ${source}, published ${article.publishedAt.toISOString().slice(0, 10)}`,
    article.summary ? `**Summary.** ${article.summary}` : null,
    article.content,
  ]
    .filter(Boolean)
    .join('\n\n');
  const entry = await createEntry(
    deps,
    scope,
    {
      title: article.title.slice(0, 300),
      body: body.slice(0, 500_000),
      type: 'news',
      engagementId: input.engagementId ?? article.feedEngagementId ?? null,
      tags: article.suggestedTags.map((t) => t.slice(0, 50)).slice(0, 30),
    },
    { source: 'news', metadata: { articleId: article.id, url: article.link } },
  );
  await deps.db
    .update(newsArticles)
    .set({ savedEntryId: entry.id, readAt: sql`coalesce(${newsArticles.readAt}, now())` })
    .where(and(eq(newsArticles.id, article.id), eq(newsArticles.orgId, scope.orgId)));
  return { entryId: entry.id, created: true };
}
