import { z } from 'zod';
import {
  type AskEvent,
  askQuestion,
  deleteConversation,
  getConversation,
  listConversations,
  rateAnswer,
  regenerateAnswer,
  renameConversation,
  ZAskInput,
  ZFeedbackInput,
  ZListConversationsInput,
  ZRegenerateInput,
} from '../../services/ask';
import { createTRPCRouter, requirePermission } from '../../trpc';
import { mappedErrors, zEventStream } from '../streaming';

const ZCitation = z.object({
  n: z.number(),
  entryId: z.string().nullable(),
  articleId: z.string().nullable(),
  chunkId: z.string(),
  title: z.string(),
  snippet: z.string(),
});

const ZMessage = z.object({
  id: z.string(),
  role: z.enum(['user', 'assistant', 'system']),
  content: z.string(),
  citations: z.array(ZCitation),
  status: z.string(),
  modelId: z.string().nullable(),
  costMicroUsd: z.number().nullable(),
  latencyMs: z.number().nullable(),
  replyToId: z.string().nullable(),
  feedback: z.enum(['up', 'down']).nullable(),
  feedbackComment: z.string().nullable(),
  createdAt: z.date(),
});

const ZAnswerStream = zEventStream<AskEvent>();

export const askRouter = createTRPCRouter({
  // Streams hold no transaction: the services open short org-scoped ones around each write.
  send: requirePermission('ai:use', { transaction: false })
    .input(ZAskInput)
    .output(ZAnswerStream)
    .mutation(async ({ ctx, input }) => mappedErrors(await askQuestion(ctx.deps, ctx.scope, input))),

  regenerate: requirePermission('ai:use', { transaction: false })
    .input(ZRegenerateInput)
    .output(ZAnswerStream)
    .mutation(async ({ ctx, input }) => mappedErrors(await regenerateAnswer(ctx.deps, ctx.scope, input))),

  feedback: requirePermission('ai:use')
    .input(ZFeedbackInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => rateAnswer(ctx.deps, ctx.scope, input)),

  conversations: requirePermission('ai:use')
    .input(ZListConversationsInput)
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            engagementId: z.string().nullable(),
            createdAt: z.date(),
            updatedAt: z.date(),
            messageCount: z.number(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listConversations(ctx.deps, ctx.scope, input)),

  conversation: requirePermission('ai:use')
    .input(z.object({ id: z.uuid() }))
    .output(
      z.object({
        id: z.string(),
        title: z.string(),
        engagementId: z.string().nullable(),
        createdAt: z.date(),
        updatedAt: z.date(),
        messages: z.array(ZMessage),
      }),
    )
    .query(({ ctx, input }) => getConversation(ctx.deps, ctx.scope, input.id)),

  renameConversation: requirePermission('ai:use')
    .input(z.object({ id: z.uuid(), title: z.string().trim().min(1).max(200) }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => renameConversation(ctx.deps, ctx.scope, input)),

  deleteConversation: requirePermission('ai:use')
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => deleteConversation(ctx.deps, ctx.scope, input.id)),
});
