'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type RouterInputs, type RouterOutputs } from '@/trpc/react';
import { type AskErrorView, describeAskError } from '../ask/ask-errors';

export type InsightEvent = RouterOutputs['insights']['run'] extends AsyncIterable<infer E> ? E : never;
export type InsightCitation = Extract<InsightEvent, { type: 'sources' }>['sources'][number];
export type InsightSummary = Extract<InsightEvent, { type: 'done' }>['insight'];
export type RunInsightInput = RouterInputs['insights']['run'];

/** The ask page's error wording, with titles that speak of an analysis rather than a question. */
function describeInsightError(error: unknown): AskErrorView {
  const view = describeAskError(error);
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  if (code === 'BAD_REQUEST') return { ...view, title: 'The analysis could not start' };
  if (code === 'NOT_FOUND') return { ...view, title: 'Not found' };
  if (code === 'INTERNAL_SERVER_ERROR') return { ...view, title: 'The analysis failed' };
  return view;
}

/** The analysis being run: what the stream has said so far. */
export type InsightRun = {
  label: string;
  engagementName: string | null;
  phase: 'reading' | 'writing' | 'done' | 'failed';
  sources: InsightCitation[];
  text: string;
  insight: InsightSummary | null;
  error: AskErrorView | null;
};

/**
 * Runs `insights.run` and folds its event stream (start, sources, text…, done) into an
 * `InsightRun`, token by token through `httpBatchStreamLink`. Leaving the page stops reading; the
 * server then saves nothing (only a completed analysis becomes an entry).
 */
export function useInsightStream({ onSaved }: { onSaved: (insight: InsightSummary) => void }) {
  const utils = api.useUtils();
  const [run, setRun] = useState<InsightRun | null>(null);
  const controller = useRef<AbortController | null>(null);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (input: RunInsightInput, label: string) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      const update = (fn: (r: InsightRun) => InsightRun) =>
        setRun((r) => (r && controller.current === abort ? fn(r) : r));
      setRun({
        label,
        engagementName: null,
        phase: 'reading',
        sources: [],
        text: '',
        insight: null,
        error: null,
      });
      try {
        const stream = await utils.client.insights.run.mutate(input, { signal: abort.signal });
        for await (const event of stream) {
          if (abort.signal.aborted) break;
          switch (event.type) {
            case 'start':
              update((r) => ({ ...r, label: event.label, engagementName: event.engagement?.name ?? null }));
              break;
            case 'sources':
              update((r) => ({ ...r, sources: event.sources, phase: 'writing' }));
              break;
            case 'text':
              update((r) => ({ ...r, text: r.text + event.text }));
              break;
            case 'done':
              update((r) => ({ ...r, insight: event.insight, text: event.insight.content, phase: 'done' }));
              if (event.insight.entryId) onSavedRef.current(event.insight);
              break;
            default: {
              const unexpected: never = event;
              throw new Error(`Unexpected event ${JSON.stringify(unexpected)}`);
            }
          }
        }
        if (!abort.signal.aborted) await utils.insights.list.invalidate();
      } catch (error) {
        if (abort.signal.aborted) return;
        update((r) => ({ ...r, phase: 'failed', error: describeInsightError(error) }));
      }
    },
    [utils],
  );

  const stop = useCallback(() => {
    controller.current?.abort();
    controller.current = null;
    setRun((r) =>
      r && (r.phase === 'reading' || r.phase === 'writing')
        ? {
            ...r,
            phase: 'failed',
            error: { title: 'Stopped', message: 'The analysis was stopped; nothing was saved.' },
          }
        : r,
    );
  }, []);

  return { run, start, stop, running: run?.phase === 'reading' || run?.phase === 'writing' };
}
