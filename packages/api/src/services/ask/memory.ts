import { type ChatMessage, estimateTokens } from '@consailt/ai';
import { conversations, messages, withOrgContext } from '@consailt/db';
import { and, asc, eq, notInArray } from 'drizzle-orm';
import { actorUserId, type Deps, type OrgScope } from '../types';

/** Tokens of verbatim history sent with each question; older turns are folded into a summary. */
export const HISTORY_TOKEN_BUDGET = 1500;
/** Messages always kept verbatim (the last question and its answer). */
const KEEP_RECENT = 2;

/** Statuses whose messages are not part of the conversation's memory. */
export const NOT_IN_MEMORY = ['replaced', 'error'];

export type Memory = { summary: string | null; history: ChatMessage[]; costMicroUsd: number };

const clip = (text: string, tokens: number) =>
  estimateTokens(text) > tokens ? `${text.slice(0, tokens * 4)}…` : text;

/**
 * The conversation's memory before `beforeMessageId` (exclusive): its rolling summary plus the
 * recent turns verbatim. When the turns not yet summarized exceed the budget, the older ones are
 * summarized with `quick_summary` (a model call, made outside any transaction) and the summary is
 * stored, so the next question starts from it.
 */
export async function prepareMemory(
  deps: Pick<Deps, 'db' | 'ai'>,
  scope: OrgScope,
  conversationId: string,
  beforeMessageId: string,
): Promise<Memory> {
  const { conversation, prior } = await withOrgContext(deps.db, scope.orgId, async (tx) => {
    const [conversation] = await tx
      .select({ summary: conversations.summary, through: conversations.summarizedThrough })
      .from(conversations)
      .where(and(eq(conversations.id, conversationId), eq(conversations.orgId, scope.orgId)));
    const rows = await tx
      .select({ id: messages.id, role: messages.role, content: messages.content })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), notInArray(messages.status, NOT_IN_MEMORY)))
      .orderBy(asc(messages.createdAt), asc(messages.id));
    const end = rows.findIndex((r) => r.id === beforeMessageId);
    return {
      conversation,
      prior: (end === -1 ? rows : rows.slice(0, end)).filter((r) => r.role !== 'system'),
    };
  });
  let summary = conversation?.summary ?? null;
  let through = Math.min(conversation?.through ?? 0, prior.length);
  let recent = prior.slice(through);
  let costMicroUsd = 0;
  const tokens = recent.reduce((s, m) => s + estimateTokens(m.content), 0);
  if (tokens > HISTORY_TOKEN_BUDGET && recent.length > KEEP_RECENT) {
    const fold = recent.slice(0, recent.length - KEEP_RECENT);
    const transcript = fold
      .map((m) => `${m.role === 'user' ? 'Question' : 'Answer'}: ${clip(m.content, 800)}`)
      .join('\n\n');
    const res = await deps.ai.run({
      task: 'quick_summary',
      orgId: scope.orgId,
      userId: actorUserId(scope.actor),
      apiKeyId: scope.actor.kind === 'apiKey' ? scope.actor.apiKeyId : null,
      system:
        'Summarize this conversation between a consultant and a research assistant in at most 120 words, keeping names, figures, decisions and open questions.',
      messages: [
        { role: 'user', content: summary ? `Earlier summary: ${summary}\n\n${transcript}` : transcript },
      ],
      maxTokens: 300,
    });
    costMicroUsd += res.costMicroUsd;
    summary = res.text.trim();
    through += fold.length;
    recent = recent.slice(fold.length);
    await withOrgContext(deps.db, scope.orgId, (tx) =>
      tx
        .update(conversations)
        .set({ summary, summarizedThrough: through })
        .where(and(eq(conversations.id, conversationId), eq(conversations.orgId, scope.orgId))),
    );
  }
  const perMessage = Math.floor(HISTORY_TOKEN_BUDGET / Math.max(recent.length, 1));
  const history = recent.map((m) => ({
    role: m.role === 'assistant' ? ('assistant' as const) : ('user' as const),
    content: clip(m.content, perMessage),
  }));
  return { summary, history, costMicroUsd };
}
