import { type Citation, conversations, type Executor, messages } from '@consailt/db';
import { and, asc, count, desc, eq, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type Deps, type OrgScope } from '../types';

/** Conversations belong to their user; an API key's conversations are shared by the org's keys. */
export function ownConversation(scope: OrgScope): SQL {
  const userId = actorUserId(scope.actor);
  return and(
    eq(conversations.orgId, scope.orgId),
    userId === null ? isNull(conversations.userId) : eq(conversations.userId, userId),
  ) as SQL;
}

export async function findConversation(db: Executor, scope: OrgScope, id: string) {
  const [row] = await db
    .select()
    .from(conversations)
    .where(and(eq(conversations.id, id), ownConversation(scope)));
  if (!row) throw new NotFoundError('Conversation', id);
  return row;
}

export type MessageView = {
  id: string;
  role: 'user' | 'assistant' | 'system';
  content: string;
  citations: Citation[];
  status: string;
  modelId: string | null;
  costMicroUsd: number | null;
  latencyMs: number | null;
  replyToId: string | null;
  feedback: 'up' | 'down' | null;
  feedbackComment: string | null;
  createdAt: Date;
};

export const ZListConversationsInput = z
  .object({ limit: z.number().int().min(1).max(100).default(30), cursor: z.string().max(100).nullish() })
  .default({ limit: 30 });

/** The actor's conversations, most recently active first (keyset on updated_at, id). */
export async function listConversations(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZListConversationsInput>,
) {
  const conditions = [ownConversation(scope)];
  if (input.cursor) {
    const [iso, id] = input.cursor.split('|');
    const at = new Date(iso ?? '');
    if (!id || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(id))
      throw new ValidationError('Invalid cursor');
    conditions.push(
      or(
        lt(conversations.updatedAt, at),
        and(eq(conversations.updatedAt, at), sql`${conversations.id} < ${id}`),
      ) as SQL,
    );
  }
  const rows = await deps.db
    .select({
      id: conversations.id,
      title: conversations.title,
      engagementId: conversations.engagementId,
      createdAt: conversations.createdAt,
      updatedAt: conversations.updatedAt,
      // Spelled out: drizzle leaves columns unqualified in a single-table select.
      messageCount: sql<number>`(select count(*)::int from messages m where m.conversation_id = conversations.id)`,
    })
    .from(conversations)
    .where(and(...conditions))
    .orderBy(desc(conversations.updatedAt), desc(conversations.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? `${last.updatedAt.toISOString()}|${last.id}` : null,
  };
}

export function toMessageView(m: typeof messages.$inferSelect): MessageView {
  return {
    id: m.id,
    role: m.role,
    content: m.content,
    citations: m.citations,
    status: m.status,
    modelId: m.modelId,
    costMicroUsd: m.costMicroUsd,
    latencyMs: m.latencyMs,
    replyToId: m.replyToId,
    feedback: m.feedback === 1 ? 'up' : m.feedback === -1 ? 'down' : null,
    feedbackComment: m.feedbackComment,
    createdAt: m.createdAt,
  };
}

/** One conversation with every message (replaced answers included, marked by their status). */
export async function getConversation(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const conversation = await findConversation(deps.db, scope, id);
  const rows = await deps.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, id), eq(messages.orgId, scope.orgId)))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  return {
    id: conversation.id,
    title: conversation.title,
    engagementId: conversation.engagementId,
    createdAt: conversation.createdAt,
    updatedAt: conversation.updatedAt,
    messages: rows.map(toMessageView),
  };
}

export async function renameConversation(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { id: string; title: string },
) {
  await findConversation(deps.db, scope, input.id);
  await deps.db
    .update(conversations)
    .set({ title: input.title })
    .where(and(eq(conversations.id, input.id), ownConversation(scope)));
  return { id: input.id };
}

export async function deleteConversation(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const conversation = await findConversation(deps.db, scope, id);
  await deps.db.delete(conversations).where(and(eq(conversations.id, id), ownConversation(scope)));
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'conversation.delete',
    targetType: 'conversation',
    targetId: id,
    metadata: { title: conversation.title },
    request: scope.request,
  });
  return { id };
}

export const ZFeedbackInput = z.object({
  messageId: z.uuid(),
  rating: z.enum(['up', 'down']).nullable(),
  comment: z.string().trim().max(2000).nullish(),
});

/** Thumbs up/down (or cleared) with an optional comment, on an answer in one of the actor's conversations. */
export async function rateAnswer(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZFeedbackInput>,
) {
  const [row] = await deps.db
    .select({ id: messages.id, role: messages.role })
    .from(messages)
    .innerJoin(conversations, eq(conversations.id, messages.conversationId))
    .where(and(eq(messages.id, input.messageId), eq(messages.orgId, scope.orgId), ownConversation(scope)));
  if (row?.role !== 'assistant') throw new NotFoundError('Answer', input.messageId);
  await deps.db
    .update(messages)
    .set({
      feedback: input.rating === null ? null : input.rating === 'up' ? 1 : -1,
      feedbackComment: input.rating === null ? null : (input.comment ?? null),
    })
    .where(and(eq(messages.id, input.messageId), eq(messages.orgId, scope.orgId)));
  return { id: input.messageId };
}

export async function countMessages(db: Executor, conversationId: string) {
  const [row] = await db
    .select({ n: count() })
    .from(messages)
    .where(eq(messages.conversationId, conversationId));
  return row?.n ?? 0;
}
