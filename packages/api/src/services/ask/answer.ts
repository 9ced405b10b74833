import type { RunResult } from '@consailt/ai';
import { type Citation, conversations, messages, withOrgContext } from '@consailt/db';
import { and, desc, eq, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../errors';
import { ZSearchFilters } from '../search';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { findConversation } from './conversations';
import { NOT_IN_MEMORY, prepareMemory } from './memory';
import { type AskSource, buildAnswerPrompt, citedSources, NO_ANSWER_TEXT } from './prompt';
import { retrieveSources } from './sources';
import { conversationTitle } from './title';

export const ZAskInput = z.object({
  /** Continue this conversation; omit to start a new one. */
  conversationId: z.uuid().nullish(),
  question: z
    .string()
    .trim()
    .min(1, 'Question is required')
    .max(4000, 'Question is at most 4,000 characters'),
  filters: ZSearchFilters.optional(),
});
export type AskInput = z.input<typeof ZAskInput>;

export const ZRegenerateInput = z.object({ messageId: z.uuid() });

export type AnswerSummary = {
  messageId: string;
  content: string;
  citations: Citation[];
  status: 'complete' | 'no_answer' | 'incomplete';
  modelId: string | null;
  costMicroUsd: number;
  latencyMs: number;
  conversationTitle: string;
};

/** What an answer stream yields, in this order: start, sources, text deltas, done. */
export type AskEvent =
  | { type: 'start'; conversationId: string; userMessageId: string }
  | { type: 'sources'; sources: Omit<AskSource, 'text'>[] }
  | { type: 'text'; text: string }
  | { type: 'done'; answer: AnswerSummary };

type Turn = {
  conversationId: string;
  userMessageId: string;
  question: string;
  /** The previous question, so a follow-up ("and its cost?") retrieves in context. */
  previousQuestion: string | null;
  isNew: boolean;
  filters: z.output<typeof ZSearchFilters>;
  started: number;
};

/**
 * Ask a question: stores it (in a new or an existing conversation of the actor), then returns the
 * answer stream. Checks that can fail (unknown conversation) happen before the stream starts, so
 * they surface as ordinary errors.
 */
export async function askQuestion(
  deps: Deps,
  scope: OrgScope,
  raw: AskInput,
): Promise<AsyncGenerator<AskEvent>> {
  const started = performance.now();
  const input = ZAskInput.parse(raw);
  const turn = await withOrgContext(deps.db, scope.orgId, async (tx) => {
    let conversationId = input.conversationId ?? null;
    let previousQuestion: string | null = null;
    if (conversationId) {
      await findConversation(tx, scope, conversationId);
      const [prev] = await tx
        .select({ content: messages.content })
        .from(messages)
        .where(and(eq(messages.conversationId, conversationId), eq(messages.role, 'user')))
        .orderBy(desc(messages.createdAt))
        .limit(1);
      previousQuestion = prev?.content ?? null;
    } else {
      const [row] = await tx
        .insert(conversations)
        .values({
          orgId: scope.orgId,
          userId: actorUserId(scope.actor),
          engagementId: input.filters?.engagementIds?.length === 1 ? input.filters.engagementIds[0] : null,
          title: input.question.slice(0, 80),
        })
        .returning({ id: conversations.id });
      if (!row) throw new Error('conversation insert returned nothing');
      conversationId = row.id;
    }
    const [message] = await tx
      .insert(messages)
      .values({ orgId: scope.orgId, conversationId, role: 'user', content: input.question })
      .returning({ id: messages.id });
    if (!message) throw new Error('message insert returned nothing');
    return { conversationId, userMessageId: message.id, previousQuestion };
  });
  return answerTurn(deps, scope, {
    ...turn,
    question: input.question,
    isNew: !input.conversationId,
    filters: ZSearchFilters.parse(input.filters ?? {}),
    started,
  });
}

/** Answer the last question of a conversation again; the previous answer is kept as `replaced`. */
export async function regenerateAnswer(
  deps: Deps,
  scope: OrgScope,
  input: z.output<typeof ZRegenerateInput>,
): Promise<AsyncGenerator<AskEvent>> {
  const started = performance.now();
  const turn = await withOrgContext(deps.db, scope.orgId, async (tx) => {
    const [answer] = await tx
      .select({ conversationId: messages.conversationId, replyToId: messages.replyToId, role: messages.role })
      .from(messages)
      .where(and(eq(messages.id, input.messageId), eq(messages.orgId, scope.orgId)));
    if (answer?.role !== 'assistant' || !answer.replyToId) throw new NotFoundError('Answer', input.messageId);
    await findConversation(tx, scope, answer.conversationId);
    const [latest] = await tx
      .select({ id: messages.id })
      .from(messages)
      .where(
        and(eq(messages.conversationId, answer.conversationId), notInArray(messages.status, NOT_IN_MEMORY)),
      )
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(1);
    if (latest?.id !== input.messageId)
      throw new ValidationError('Only the latest answer can be regenerated');
    const [question] = await tx
      .select({ content: messages.content })
      .from(messages)
      .where(eq(messages.id, answer.replyToId));
    await tx.update(messages).set({ status: 'replaced' }).where(eq(messages.id, input.messageId));
    return {
      conversationId: answer.conversationId,
      userMessageId: answer.replyToId,
      question: question?.content ?? '',
    };
  });
  return answerTurn(deps, scope, {
    ...turn,
    previousQuestion: null,
    isNew: false,
    filters: ZSearchFilters.parse({}),
    started,
  });
}

async function* answerTurn(deps: Deps, scope: OrgScope, turn: Turn): AsyncGenerator<AskEvent> {
  yield { type: 'start', conversationId: turn.conversationId, userMessageId: turn.userMessageId };
  const memory = await prepareMemory(deps, scope, turn.conversationId, turn.userMessageId);
  let { sources, costMicroUsd: retrievalCost } = await retrieveSources(
    deps,
    scope,
    turn.question,
    turn.filters,
  );
  if (sources.length === 0 && turn.previousQuestion) {
    // A follow-up ("and its cost?") may only make sense with the question before it.
    const query = `${turn.previousQuestion.slice(0, 300)}\n${turn.question}`;
    const retry = await retrieveSources(deps, scope, query, turn.filters);
    sources = retry.sources;
    retrievalCost += retry.costMicroUsd;
  }
  yield { type: 'sources', sources: sources.map(({ text: _, ...s }) => s) };

  let text = '';
  let result: RunResult | null = null;
  let saved = false;
  const save = async (status: AnswerSummary['status']) => {
    saved = true;
    const citations = citedSources(text, sources);
    let title = turn.question.slice(0, 80);
    let titleCost = 0;
    if (turn.isNew && status !== 'no_answer')
      ({ title, costMicroUsd: titleCost } = await conversationTitle(deps, scope, turn.question));
    const costMicroUsd = memory.costMicroUsd + retrievalCost + (result?.costMicroUsd ?? 0) + titleCost;
    const latencyMs = Math.round(performance.now() - turn.started);
    const id = await withOrgContext(deps.db, scope.orgId, async (tx) => {
      const [row] = await tx
        .insert(messages)
        .values({
          orgId: scope.orgId,
          conversationId: turn.conversationId,
          role: 'assistant',
          content: text,
          citations,
          modelId: result?.modelId ?? null,
          replyToId: turn.userMessageId,
          status,
          costMicroUsd,
          latencyMs,
        })
        .returning({ id: messages.id });
      await tx
        .update(conversations)
        .set(turn.isNew ? { title, updatedAt: new Date() } : { updatedAt: new Date() })
        .where(and(eq(conversations.id, turn.conversationId), eq(conversations.orgId, scope.orgId)));
      return row?.id ?? '';
    });
    return {
      messageId: id,
      content: text,
      citations,
      status,
      modelId: result?.modelId ?? null,
      costMicroUsd,
      latencyMs,
      conversationTitle: title,
    };
  };

  try {
    if (sources.length === 0) {
      text = NO_ANSWER_TEXT;
      yield { type: 'text', text };
      yield { type: 'done', answer: await save('no_answer') };
      return;
    }
    const prompt = buildAnswerPrompt({
      question: turn.question,
      sources,
      summary: memory.summary,
      history: memory.history,
    });
    for await (const event of deps.ai.stream({
      task: 'answer',
      orgId: scope.orgId,
      userId: actorUserId(scope.actor),
      apiKeyId: scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
      system: prompt.system,
      messages: prompt.messages,
      maxTokens: 1024,
    })) {
      if (event.type === 'text') {
        text += event.text;
        yield { type: 'text', text: event.text };
      } else {
        result = event.result;
      }
    }
    yield { type: 'done', answer: await save(result?.incomplete ? 'incomplete' : 'complete') };
  } finally {
    // The client went away (or the model failed) mid-answer: keep what was said, marked incomplete.
    if (!saved && text.length > 0) await save('incomplete').catch(() => {});
  }
}
