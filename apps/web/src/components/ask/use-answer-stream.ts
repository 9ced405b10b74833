'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type RouterOutputs } from '@/trpc/react';
import { type AskErrorView, describeAskError } from './ask-errors';

export type AskEvent = RouterOutputs['ask']['send'] extends AsyncIterable<infer E> ? E : never;
type Stream = AsyncIterable<AskEvent>;
export type AnswerSource = Extract<AskEvent, { type: 'sources' }>['sources'][number];
export type AnswerSummary = Extract<AskEvent, { type: 'done' }>['answer'];

/** The turn being answered right now, shown until the stored conversation has caught up with it. */
export type PendingTurn = {
  question: string;
  /** Known once the server has stored the question (`start` event). */
  conversationId: string | null;
  userMessageId: string | null;
  /** The answer being regenerated, hidden from the thread meanwhile. */
  replacing: string | null;
  phase: 'searching' | 'answering' | 'done' | 'failed';
  sources: AnswerSource[];
  text: string;
  answer: AnswerSummary | null;
  error: AskErrorView | null;
};

/**
 * Runs `ask.send` / `ask.regenerate` and folds their event stream (start, sources, text…, done)
 * into a `PendingTurn`. tRPC's `httpBatchStreamLink` delivers the mutation's async iterable as it is
 * produced, so text appears token by token. `onStarted` learns the conversation id of a new
 * conversation as soon as the question is stored.
 */
export function useAnswerStream({ onStarted }: { onStarted: (conversationId: string) => void }) {
  const utils = api.useUtils();
  const [pending, setPending] = useState<PendingTurn | null>(null);
  const controller = useRef<AbortController | null>(null);
  const onStartedRef = useRef(onStarted);
  onStartedRef.current = onStarted;

  // Leaving the page stops reading; the server keeps what was said, marked incomplete.
  useEffect(() => () => controller.current?.abort(), []);

  const run = useCallback(
    async (
      initial: Pick<PendingTurn, 'question' | 'conversationId' | 'replacing'>,
      open: (signal: AbortSignal) => Promise<Stream>,
    ) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const update = (fn: (turn: PendingTurn) => PendingTurn) =>
        setPending((turn) => (turn && controller.current === abort ? fn(turn) : turn));
      setPending({
        ...initial,
        userMessageId: null,
        phase: 'searching',
        sources: [],
        text: '',
        answer: null,
        error: null,
      });
      let conversationId = initial.conversationId;
      try {
        const stream = await open(abort.signal);
        for await (const event of stream) {
          if (abort.signal.aborted) break;
          switch (event.type) {
            case 'start':
              conversationId = event.conversationId;
              update((t) => ({
                ...t,
                conversationId: event.conversationId,
                userMessageId: event.userMessageId,
              }));
              onStartedRef.current(event.conversationId);
              break;
            case 'sources':
              update((t) => ({ ...t, sources: event.sources, phase: 'answering' }));
              break;
            case 'text':
              update((t) => ({ ...t, text: t.text + event.text }));
              break;
            case 'done':
              update((t) => ({ ...t, answer: event.answer, text: event.answer.content, phase: 'done' }));
              break;
            default: {
              const unexpected: never = event;
              throw new Error(`Unexpected event ${JSON.stringify(unexpected)}`);
            }
          }
        }
        if (abort.signal.aborted) return;
        // Refetch the stored conversation before dropping the pending turn, so nothing flickers.
        await Promise.all([
          conversationId ? utils.ask.conversation.invalidate({ id: conversationId }) : null,
          utils.ask.conversations.invalidate(),
        ]);
        if (controller.current === abort) setPending(null);
      } catch (error) {
        if (abort.signal.aborted) return;
        update((t) => ({ ...t, phase: 'failed', error: describeAskError(error) }));
        // The question (and any partial answer) may be stored even though the answer failed.
        if (conversationId) void utils.ask.conversation.invalidate({ id: conversationId });
        void utils.ask.conversations.invalidate();
      }
    },
    [utils],
  );

  const ask = useCallback(
    (question: string, conversationId: string | null) =>
      run({ question, conversationId, replacing: null }, (signal) =>
        utils.client.ask.send.mutate({ question, conversationId }, { signal }),
      ),
    [run, utils],
  );

  const regenerate = useCallback(
    (messageId: string, question: string, conversationId: string) =>
      run({ question, conversationId, replacing: messageId }, (signal) =>
        utils.client.ask.regenerate.mutate({ messageId }, { signal }),
      ),
    [run, utils],
  );

  /** Stops reading the answer (and forgets the pending turn). */
  const reset = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setPending(null);
  }, []);

  return {
    pending,
    ask,
    regenerate,
    reset,
    streaming: pending?.phase === 'searching' || pending?.phase === 'answering',
  };
}
