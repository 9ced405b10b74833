'use client';

import {
  Alert,
  AlertDescription,
  AlertTitle,
  Button,
  Card,
  CardContent,
  Skeleton,
  Textarea,
} from '@consailt/ui';
import { CircleAlertIcon, MessageSquareIcon, SendIcon, SquareIcon } from 'lucide-react';
import { useSearchParams } from 'next/navigation';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { usePrehydrationValue } from '@/hooks/use-prehydration-value';
import { api, type RouterOutputs } from '@/trpc/react';
import { AnswerActions } from './answer-actions';
import { AnswerView } from './answer-view';
import { ConversationHeader } from './conversation-header';
import { ConversationList } from './conversation-list';
import { type PendingTurn, useAnswerStream } from './use-answer-stream';

type Message = RouterOutputs['ask']['conversation']['messages'][number];

const MAX_QUESTION = 4000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `?c=<id>` names the open conversation, so it survives a reload and the back button works. */
function useActiveConversation(): [string | null, (id: string | null, mode?: 'push' | 'replace') => void] {
  const params = useSearchParams();
  const raw = params.get('c');
  const active = raw && UUID.test(raw) ? raw : null;
  const setActive = (id: string | null, mode: 'push' | 'replace' = 'push') => {
    const url = id ? `/ask?c=${id}` : '/ask';
    // Next.js keeps useSearchParams in step with the native history API, without a server round trip.
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  };
  return [active, setActive];
}

function UserBubble({ children }: { children: string }) {
  return (
    <div
      className="max-w-[85%] self-end whitespace-pre-wrap rounded-2xl bg-primary px-4 py-2 text-primary-foreground text-sm"
      data-testid="question"
    >
      {children}
    </div>
  );
}

function answerStatus(status: string): 'complete' | 'incomplete' | 'no_answer' {
  return status === 'incomplete' || status === 'no_answer' ? status : 'complete';
}

function PendingAnswer({ turn }: { turn: PendingTurn }) {
  if (turn.phase === 'failed' && turn.error) {
    return (
      <div className="flex flex-col gap-3">
        {turn.text ? (
          <AnswerView text={turn.text} citations={turn.sources} status="incomplete" meta={null} />
        ) : null}
        <Alert variant="destructive" data-testid="ask-error">
          <CircleAlertIcon aria-hidden />
          <AlertTitle>{turn.error.title}</AlertTitle>
          <AlertDescription>{turn.error.message}</AlertDescription>
        </Alert>
      </div>
    );
  }
  const answer = turn.answer;
  return (
    <AnswerView
      text={turn.text}
      citations={answer ? answer.citations : turn.sources}
      status={answer ? answer.status : turn.phase === 'searching' ? 'searching' : 'answering'}
      meta={
        answer
          ? { modelId: answer.modelId, costMicroUsd: answer.costMicroUsd, latencyMs: answer.latencyMs }
          : null
      }
    />
  );
}

function QuestionForm({
  onAsk,
  onStop,
  streaming,
  followUp,
}: {
  onAsk: (question: string) => void;
  onStop: () => void;
  streaming: boolean;
  followUp: boolean;
}) {
  const id = useId();
  const [question, setQuestion] = useState('');
  const questionRef = useRef<HTMLTextAreaElement>(null);
  usePrehydrationValue(questionRef, question, setQuestion);
  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const q = question.trim();
    if (!q || streaming) return;
    onAsk(q);
    setQuestion('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter starts a new line (and IME composition is left alone).
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };
  return (
    <form onSubmit={submit} className="sticky bottom-0 flex flex-col gap-2 bg-background pt-2 pb-4">
      <label htmlFor={id} className="sr-only">
        {followUp ? 'Ask a follow-up question' : 'Ask a question'}
      </label>
      <div className="flex items-end gap-2">
        <Textarea
          id={id}
          ref={questionRef}
          value={question}
          rows={2}
          maxLength={MAX_QUESTION}
          placeholder={followUp ? 'Ask a follow-up…' : 'Ask anything your team has written down…'}
          onChange={(e) => setQuestion(e.target.value)}
          onKeyDown={onKeyDown}
          className="min-h-14 resize-none"
        />
        {streaming ? (
          <Button type="button" variant="outline" onClick={onStop}>
            <SquareIcon aria-hidden />
            Stop
          </Button>
        ) : (
          <Button type="submit" disabled={!question.trim()}>
            <SendIcon aria-hidden />
            Ask
          </Button>
        )}
      </div>
      <p className="text-muted-foreground text-xs">
        Answers come only from your organization's knowledge, with numbered citations. Enter to send,
        Shift+Enter for a new line.
      </p>
    </form>
  );
}

/** The Ask page: conversation list, the open conversation's thread, and the question box. */
export function AskView() {
  const [activeId, setActive] = useActiveConversation();
  const { pending, ask, regenerate, reset, streaming } = useAnswerStream({
    onStarted: (id) => setActive(id, 'replace'),
  });
  const conversation = api.ask.conversation.useQuery({ id: activeId ?? '' }, { enabled: activeId !== null });
  const endRef = useRef<HTMLDivElement>(null);

  // /ask?q=… (the command palette's "Ask") asks that question at once, in a new conversation. Once it
  // starts, the URL becomes /ask?c=…, so a reload opens the conversation instead of asking again.
  const urlQuestion = useSearchParams().get('q')?.trim().slice(0, 4000) ?? '';
  const askedFromUrl = useRef(false);
  useEffect(() => {
    if (!urlQuestion || askedFromUrl.current || activeId) return;
    askedFromUrl.current = true;
    void ask(urlQuestion, null);
  }, [urlQuestion, activeId, ask]);

  // A pending turn belongs to the conversation it was asked in (null: a new one, not yet stored).
  const pendingHere = pending && pending.conversationId === activeId ? pending : null;
  const stored = activeId ? (conversation.data?.messages ?? []) : [];
  const messages = stored.filter((m) => m.status !== 'replaced' && m.id !== pendingHere?.replacing);
  const answerSaved = pendingHere?.answer && messages.some((m) => m.id === pendingHere.answer?.messageId);
  const turn = answerSaved ? null : pendingHere;
  const showQuestion = turn && !turn.replacing && !messages.some((m) => m.id === turn.userMessageId);
  const last = messages.at(-1);

  useEffect(() => {
    // Follow the answer as it streams, unless the reader has scrolled up to read something else.
    const nearBottom = window.innerHeight + window.scrollY >= document.body.scrollHeight - 240;
    if (turn && nearBottom) endRef.current?.scrollIntoView({ block: 'end' });
  }, [turn]);

  const open = (id: string | null) => {
    reset();
    setActive(id);
  };

  const onRegenerate = (answer: Message) => {
    const question = stored.find((m) => m.id === answer.replyToId)?.content ?? '';
    if (activeId) void regenerate(answer.id, question, activeId);
  };

  const notFound = activeId !== null && conversation.isError;

  return (
    <div className="grid gap-6 lg:grid-cols-[15rem_1fr]">
      <aside className="lg:sticky lg:top-4 lg:self-start">
        <ConversationList activeId={activeId} onOpen={(id) => open(id)} onNew={() => open(null)} />
      </aside>
      <section className="flex min-w-0 flex-col gap-4" aria-label="Conversation">
        {activeId && conversation.data ? (
          <ConversationHeader id={activeId} title={conversation.data.title} onDeleted={() => open(null)} />
        ) : null}
        {notFound ? (
          <Alert variant="destructive">
            <CircleAlertIcon aria-hidden />
            <AlertTitle>This conversation could not be opened</AlertTitle>
            <AlertDescription>
              {conversation.error.message}
              <Button variant="outline" size="sm" className="mt-2" onClick={() => open(null)}>
                Start a new conversation
              </Button>
            </AlertDescription>
          </Alert>
        ) : null}
        {activeId && conversation.isPending && !turn ? (
          <div className="flex flex-col gap-3" aria-hidden>
            <Skeleton className="h-9 w-1/2 self-end" />
            <Skeleton className="h-24 w-full" />
          </div>
        ) : null}
        {!activeId && !turn ? (
          <Card className="border-dashed">
            <CardContent className="flex flex-col items-center gap-2 py-10 text-center">
              <span className="flex size-10 items-center justify-center rounded-full bg-muted">
                <MessageSquareIcon aria-hidden className="size-5 text-muted-foreground" />
              </span>
              <p className="font-medium">Ask your knowledge base</p>
              <p className="max-w-md text-muted-foreground text-sm">
                Ask a question in plain language. The answer is drawn only from entries you can see, cites
                each passage it uses, and says so when nothing relevant is found. Follow-up questions keep the
                context.
              </p>
            </CardContent>
          </Card>
        ) : null}
        <div className="flex flex-col gap-6" data-testid="thread">
          {messages.map((m) =>
            m.role === 'user' ? (
              <UserBubble key={m.id}>{m.content}</UserBubble>
            ) : m.role === 'assistant' ? (
              <AnswerView
                key={m.id}
                text={m.content}
                citations={m.citations}
                status={answerStatus(m.status)}
                meta={{ modelId: m.modelId, costMicroUsd: m.costMicroUsd, latencyMs: m.latencyMs }}
                actions={
                  activeId ? (
                    <AnswerActions
                      messageId={m.id}
                      conversationId={activeId}
                      content={m.content}
                      feedback={m.feedback}
                      feedbackComment={m.feedbackComment}
                      onRegenerate={m === last && !turn ? () => onRegenerate(m) : undefined}
                    />
                  ) : null
                }
              />
            ) : null,
          )}
          {turn ? (
            <>
              {showQuestion ? <UserBubble>{turn.question}</UserBubble> : null}
              <PendingAnswer turn={turn} />
            </>
          ) : null}
          <div ref={endRef} />
        </div>
        {notFound ? null : (
          <QuestionForm
            streaming={streaming}
            followUp={messages.length > 0 || turn !== null}
            onStop={reset}
            onAsk={(question) => void ask(question, activeId)}
          />
        )}
      </section>
    </div>
  );
}
