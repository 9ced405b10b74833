import { z } from 'zod';
import {
  getArticle,
  listArticles,
  markArticlesRead,
  saveArticleToKnowledge,
  ZListArticlesInput,
  ZMarkReadInput,
  ZSaveArticleInput,
} from '../../services/news';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZRelevance = z.object({
  engagementId: z.string(),
  engagementName: z.string(),
  score: z.number(),
  explanation: z.object({
    similarity: z.number(),
    clientNameMatch: z.boolean(),
    keywordMatches: z.array(z.string()),
    feedEngagement: z.boolean().optional(),
  }),
});

const ZArticle = z.object({
  id: z.string(),
  feedId: z.string(),
  feedTitle: z.string(),
  title: z.string(),
  link: z.string().nullable(),
  author: z.string().nullable(),
  summary: z.string().nullable(),
  excerpt: z.string(),
  content: z.string().optional(),
  publishedAt: z.date(),
  readAt: z.date().nullable(),
  savedEntryId: z.string().nullable(),
  suggestedTags: z.array(z.string()),
  enriched: z.boolean(),
  enrichError: z.string().nullable(),
  relevance: z.array(ZRelevance),
});

export const newsRouter = createTRPCRouter({
  list: requirePermission('knowledge:read')
    .meta({ openapi: { method: 'GET', path: '/news', tags: ['news'], summary: 'List news articles' } })
    .input(ZListArticlesInput)
    .output(z.object({ items: z.array(ZArticle), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listArticles(ctx.deps, ctx.scope, input)),

  byId: requirePermission('knowledge:read')
    .meta({ openapi: { method: 'GET', path: '/news/{id}', tags: ['news'], summary: 'Get a news article' } })
    .input(z.object({ id: z.uuid() }))
    .output(ZArticle)
    .query(({ ctx, input }) => getArticle(ctx.deps, ctx.scope, input)),

  markRead: requirePermission('knowledge:read')
    .input(ZMarkReadInput)
    .output(z.object({ updated: z.number() }))
    .mutation(({ ctx, input }) => markArticlesRead(ctx.deps, ctx.scope, input)),

  saveToKnowledge: requirePermission('knowledge:write')
    .input(ZSaveArticleInput)
    .output(z.object({ entryId: z.string(), created: z.boolean() }))
    .mutation(({ ctx, input }) => saveArticleToKnowledge(ctx.deps, ctx.scope, input)),
});
