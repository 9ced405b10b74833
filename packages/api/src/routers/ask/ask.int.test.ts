import { conversations, messages } from '@consailt/db';
import { createMember, createOrg } from '@consailt/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import type { AskEvent } from '../../services/ask';
import { HISTORY_TOKEN_BUDGET } from '../../services/ask/memory';
import { callerAs, createTestRuntime } from '../../testing';

const drain = (runtime: Runtime) => (runtime.queue as unknown as { drain(): Promise<void> }).drain();

async function collect(stream: AsyncIterable<AskEvent>) {
  const events: AskEvent[] = [];
  for await (const e of stream) events.push(e);
  const done = events.find((e) => e.type === 'done');
  const sources = events.find((e) => e.type === 'sources');
  const start = events.find((e) => e.type === 'start');
  if (done?.type !== 'done' || sources?.type !== 'sources' || start?.type !== 'start')
    throw new Error('incomplete stream');
  return { events, answer: done.answer, sources: sources.sources, start };
}

describe('ask', () => {
  let runtime: Runtime;
  let org: string;
  let alice: string;
  let bob: string;
  let playbookId: string;
  let secretId: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    org = (await createOrg(db)).id;
    alice = (await createMember(db, { orgId: org, role: 'member' })).user.id;
    bob = (await createMember(db, { orgId: org, role: 'member' })).user.id;
    const asAlice = await callerAs(runtime, alice, org);
    playbookId = (
      await asAlice.knowledge.create({
        title: 'Warehouse replenishment playbook',
        body: '# Findings\nReplenishment cycles at the northern warehouse took eleven days.\n\n# Actions\nWe moved the warehouse to weekly replenishment and cut stockouts by a third.',
      })
    ).id;
    secretId = (
      await asAlice.knowledge.create({
        title: 'Private replenishment salary notes',
        body: 'Replenishment team salaries at the northern warehouse are confidential.',
        visibility: 'private',
      })
    ).id;
    // Another organization with the same words must never be retrieved or cited.
    const other = (await createOrg(db)).id;
    const carol = (await createMember(db, { orgId: other, role: 'member' })).user.id;
    await (await callerAs(runtime, carol, other)).knowledge.create({
      title: 'Warehouse replenishment at the other firm',
      body: 'Replenishment cycles at the northern warehouse took three days.',
    });
    await drain(runtime);
  });

  afterAll(async () => {
    await runtime?.close();
  });

  it('streams an answer token by token with citations mapped to the exact entry and chunk', async () => {
    const api = await callerAs(runtime, bob, org);
    const { events, answer, sources, start } = await collect(
      await api.ask.send({ question: 'How long were the replenishment cycles at the northern warehouse?' }),
    );
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(1);
    expect(answer.status).toBe('complete');
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const c of answer.citations) {
      const source = sources.find((s) => s.n === c.n);
      expect(source?.chunkId).toBe(c.chunkId);
      expect(c.entryId).toBe(playbookId);
    }
    expect(sources.every((s) => s.entryId === playbookId)).toBe(true);
    expect(answer.content).toContain('eleven days');
    expect(answer.modelId).toBeTruthy();
    expect(answer.latencyMs).toBeGreaterThan(0);
    expect(answer.costMicroUsd).toBeGreaterThanOrEqual(0);
    const conversation = await api.ask.conversation({ id: start.conversationId });
    expect(conversation.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(conversation.messages[1]?.citations).toEqual(answer.citations);
    expect(conversation.title.length).toBeGreaterThan(0);
  });

  it("never retrieves or cites someone else's private entry, but its author gets it", async () => {
    const question = 'What about replenishment team salaries at the northern warehouse?';
    const asBob = await callerAs(runtime, bob, org);
    const bobs = await collect(await asBob.ask.send({ question }));
    expect(bobs.sources.some((s) => s.entryId === secretId)).toBe(false);
    expect(bobs.answer.citations.some((c) => c.entryId === secretId)).toBe(false);
    const asAlice = await callerAs(runtime, alice, org);
    const alices = await collect(await asAlice.ask.send({ question }));
    expect(alices.sources.some((s) => s.entryId === secretId)).toBe(true);
  });

  it('says so instead of answering when nothing relevant is found', async () => {
    const api = await callerAs(runtime, bob, org);
    const { answer, sources } = await collect(
      await api.ask.send({ question: 'Who won the 1998 football world cup?' }),
    );
    expect(sources).toEqual([]);
    expect(answer.status).toBe('no_answer');
    expect(answer.citations).toEqual([]);
    expect(answer.content).toMatch(/couldn't find/);
  });

  it('answers follow-ups in context, summarizing older turns over the budget', async () => {
    const api = await callerAs(runtime, bob, org);
    const first = await collect(
      await api.ask.send({ question: 'What did we change at the northern warehouse?' }),
    );
    const conversationId = first.start.conversationId;
    // Pad the history past the memory budget with earlier turns.
    const long = 'Stockouts and replenishment were discussed at length. '.repeat(HISTORY_TOKEN_BUDGET / 8);
    await runtime.database.db.insert(messages).values([
      { orgId: org, conversationId, role: 'user', content: long },
      { orgId: org, conversationId, role: 'assistant', content: long },
    ]);
    const followUp = await collect(
      await api.ask.send({ conversationId, question: 'And did stockouts go down?' }),
    );
    expect(followUp.answer.status).toBe('complete');
    expect(followUp.answer.citations[0]?.entryId).toBe(playbookId);
    const [row] = await runtime.database.db
      .select({ summary: conversations.summary, through: conversations.summarizedThrough })
      .from(conversations)
      .where(eq(conversations.id, conversationId));
    expect(row?.summary).toBeTruthy();
    expect(row?.through).toBeGreaterThan(0);
  });

  it('records feedback and regenerates the latest answer, keeping the old one as replaced', async () => {
    const api = await callerAs(runtime, bob, org);
    const { answer, start } = await collect(
      await api.ask.send({ question: 'How did weekly replenishment work out?' }),
    );
    await api.ask.feedback({ messageId: answer.messageId, rating: 'down', comment: 'Too short' });
    const again = await collect(await api.ask.regenerate({ messageId: answer.messageId }));
    expect(again.answer.messageId).not.toBe(answer.messageId);
    const conversation = await api.ask.conversation({ id: start.conversationId });
    const old = conversation.messages.find((m) => m.id === answer.messageId);
    expect(old).toMatchObject({ status: 'replaced', feedback: 'down', feedbackComment: 'Too short' });
    expect(conversation.messages.at(-1)?.id).toBe(again.answer.messageId);
    await expect(api.ask.regenerate({ messageId: answer.messageId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('keeps conversations to their owner', async () => {
    const asBob = await callerAs(runtime, bob, org);
    const { start } = await collect(await asBob.ask.send({ question: 'Weekly replenishment results?' }));
    const asAlice = await callerAs(runtime, alice, org);
    await expect(asAlice.ask.conversation({ id: start.conversationId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      asAlice.ask.send({ conversationId: start.conversationId, question: 'hijack' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await asAlice.ask.conversations()).items.some((c) => c.id === start.conversationId)).toBe(false);
    const mine = (await asBob.ask.conversations()).items.find((c) => c.id === start.conversationId);
    expect(mine?.messageCount).toBe(2);
    await asBob.ask.deleteConversation({ id: start.conversationId });
    await expect(asBob.ask.conversation({ id: start.conversationId })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
