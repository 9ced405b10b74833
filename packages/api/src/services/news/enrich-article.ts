import { AiError } from '@consailt/ai';
import {
  chunks,
  engagements,
  newsArticles,
  newsFeeds,
  newsRelevance,
  sha256,
  tags,
  withOrgContext,
} from '@consailt/db';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { chunkMarkdown, HEADING_SEPARATOR } from '../indexing/chunker';
import { embeddingText } from '../indexing/index-entry';
import { deferTermStats, foldTermStats } from '../indexing/term-stats';
import type { Deps } from '../types';
import { type EngagementProfile, meanVector, profileText, scoreRelevance, suggestTags } from './relevance';

export type EnrichResult =
  | { status: 'missing' | 'unchanged' }
  | { status: 'enriched'; chunks: number; engagements: number; summary: boolean; note: string | null };

const EMBED_BATCH = 64;
/** Enough of the article for a summary; long articles lead with what matters. */
const SUMMARY_INPUT_CHARS = 6000;
const SUMMARY_SYSTEM =
  'Summarize this news article in two or three plain sentences for a management consultant. ' +
  'State the facts only; no preamble, no markdown.';

const isBudgetExceeded = (e: unknown) => e instanceof AiError && e.code === 'BUDGET_EXCEEDED';

async function embedAll(deps: Pick<Deps, 'ai'>, orgId: string, texts: string[]) {
  const vectors: Float32Array[] = [];
  let modelId = '';
  for (let i = 0; i < texts.length; i += EMBED_BATCH) {
    const res = await deps.ai.embed({
      orgId,
      userId: null,
      texts: texts.slice(i, i + EMBED_BATCH),
      kind: 'document',
    });
    vectors.push(...res.vectors);
    modelId = res.modelId;
  }
  return { vectors, modelId };
}

/**
 * Enrich one article: a `quick_summary` (metered and budgeted like every AI call), search chunks
 * with embeddings (source `news` in search), relevance to each engagement with its explanation,
 * and suggested tags. Idempotent: an enriched article is left alone, and everything is written in
 * one transaction that re-checks that. When the AI budget is reached the article is kept without
 * a summary (or without vectors) and `enrich_error` says why; other AI failures throw so the queue
 * retries them.
 */
export async function enrichArticle(
  deps: Pick<Deps, 'db' | 'ai'>,
  input: { orgId: string; articleId: string },
): Promise<EnrichResult> {
  const { orgId, articleId } = input;
  const snapshot = await withOrgContext(deps.db, orgId, async (tx) => {
    const [article] = await tx
      .select({
        title: newsArticles.title,
        content: newsArticles.content,
        enrichedAt: newsArticles.enrichedAt,
        feedEngagementId: newsFeeds.engagementId,
      })
      .from(newsArticles)
      .innerJoin(newsFeeds, eq(newsFeeds.id, newsArticles.feedId))
      .where(and(eq(newsArticles.id, articleId), eq(newsArticles.orgId, orgId)));
    if (!article || article.enrichedAt) return { article };
    const profiles: EngagementProfile[] = await tx
      .select({
        id: engagements.id,
        name: engagements.name,
        clientName: engagements.clientName,
        description: engagements.description,
        keywords: engagements.keywords,
      })
      .from(engagements)
      .where(
        and(eq(engagements.orgId, orgId), isNull(engagements.deletedAt), ne(engagements.status, 'archived')),
      )
      .limit(200);
    const orgTags = await tx.select({ name: tags.name }).from(tags).where(eq(tags.orgId, orgId)).limit(1000);
    return { article, profiles, orgTags: orgTags.map((t) => t.name) };
  });
  const { article } = snapshot;
  if (!article) return { status: 'missing' };
  if (article.enrichedAt || !snapshot.profiles) return { status: 'unchanged' };
  const { profiles, orgTags } = snapshot;
  const notes: string[] = [];
  const fullText = `${article.title}\n\n${article.content}`;

  let summary: string | null = null;
  if (article.content.trim().length > 0) {
    try {
      const res = await deps.ai.run({
        orgId,
        userId: null,
        task: 'quick_summary',
        system: SUMMARY_SYSTEM,
        messages: [{ role: 'user', content: fullText.slice(0, SUMMARY_INPUT_CHARS) }],
        maxTokens: 220,
        temperature: 0.2,
      });
      summary = res.text.trim().slice(0, 2000) || null;
    } catch (error) {
      if (!isBudgetExceeded(error)) throw error;
      notes.push(`Summary skipped: ${(error as Error).message}`);
    }
  }

  const drafts = chunkMarkdown(article.title, article.content);
  const chunkTexts = drafts.map((d) => embeddingText(d.headingPath, d.text));
  let chunkVectors: Float32Array[] = [];
  let profileVectors: Float32Array[] = [];
  let modelId: string | null = null;
  try {
    const res = await embedAll(deps, orgId, [...chunkTexts, ...profiles.map(profileText)]);
    chunkVectors = res.vectors.slice(0, drafts.length);
    profileVectors = res.vectors.slice(drafts.length);
    modelId = res.modelId;
  } catch (error) {
    if (!isBudgetExceeded(error)) throw error;
    // Still findable by keywords: chunks are written without vectors.
    notes.push(`Embeddings skipped: ${(error as Error).message}`);
  }
  const articleVector = meanVector(chunkVectors);
  const relevance = profiles.map((engagement, i) => ({
    engagementId: engagement.id,
    ...scoreRelevance({
      text: fullText,
      engagement,
      articleVector,
      engagementVector: profileVectors[i] ?? null,
      fromEngagementFeed: article.feedEngagementId === engagement.id,
    }),
  }));
  const matchedKeywords = relevance.flatMap((r) => r.explanation.keywordMatches);
  const suggested = suggestTags(fullText, orgTags, matchedKeywords);
  const note = notes.length > 0 ? notes.join(' ') : null;

  const written = await withOrgContext(deps.db, orgId, async (tx) => {
    await deferTermStats(tx);
    const thisArticle = and(eq(newsArticles.id, articleId), eq(newsArticles.orgId, orgId));
    const [current] = await tx
      .select({ enrichedAt: newsArticles.enrichedAt })
      .from(newsArticles)
      .where(thisArticle)
      .for('update');
    if (!current) return { status: 'missing' as const };
    if (current.enrichedAt) return { status: 'unchanged' as const };
    // A retry after a crash rewrites the chunks instead of adding to them.
    await tx.delete(chunks).where(and(eq(chunks.orgId, orgId), eq(chunks.articleId, articleId)));
    const rows = drafts.map((d, i) => ({
      orgId,
      articleId,
      ordinal: d.ordinal,
      text: d.text,
      headingPath: d.headingPath,
      heading: d.headingPath.join(HEADING_SEPARATOR),
      tokenCount: d.tokenCount,
      contentHash: sha256(chunkTexts[i] ?? ''),
      embedding: chunkVectors[i] ? Array.from(chunkVectors[i] as Float32Array) : null,
      embeddingModel: chunkVectors[i] ? modelId : null,
    }));
    for (let i = 0; i < rows.length; i += 200) await tx.insert(chunks).values(rows.slice(i, i + 200));
    await tx
      .delete(newsRelevance)
      .where(and(eq(newsRelevance.orgId, orgId), eq(newsRelevance.articleId, articleId)));
    if (relevance.length > 0) {
      await tx.insert(newsRelevance).values(
        relevance.map((r) => ({
          orgId,
          articleId,
          engagementId: r.engagementId,
          score: r.score,
          explanation: r.explanation,
        })),
      );
    }
    await tx
      .update(newsArticles)
      .set({ summary, suggestedTags: suggested, enrichedAt: new Date(), enrichError: note })
      .where(thisArticle);
    return {
      status: 'enriched' as const,
      chunks: rows.length,
      engagements: relevance.length,
      summary: summary !== null,
      note,
    };
  });
  // The chunks' BM25 statistics were deferred in that transaction: fold them now it has committed.
  await foldTermStats(deps, orgId);
  return written;
}
