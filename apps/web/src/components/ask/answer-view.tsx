'use client';

import { Badge, Card, CardContent, cn } from '@consailt/ui';
import { BookOpenIcon, LoaderCircleIcon, NewspaperIcon, SearchXIcon } from 'lucide-react';
import Link from 'next/link';
import { type ReactNode, useMemo } from 'react';
import { formatUsd } from '@/lib/format';
import { sourceHref } from '../search/search-params';
import { citedNumbers, formatLatency, splitCitations } from './citations';

/** A numbered source of an answer: what `ask.*` returns as a citation (and streams as a source). */
export type CitationLike = {
  n: number;
  entryId: string | null;
  articleId: string | null;
  chunkId: string;
  title: string;
  snippet: string;
  heading?: string;
};

export type AnswerMeta = { modelId: string | null; costMicroUsd: number | null; latencyMs: number | null };

function citationHref(c: CitationLike): string | null {
  if (c.entryId) return sourceHref('entry', c.entryId);
  if (c.articleId) return sourceHref('article', c.articleId);
  return null;
}

/** `[n]` in the text: a link to the source, named for screen readers and previewed on hover. */
function CitationMarker({ citation }: { citation: CitationLike }) {
  const href = citationHref(citation);
  const className =
    'mx-0.5 inline-flex h-4.5 min-w-4.5 items-center justify-center rounded-full bg-primary/10 px-1 align-text-top font-medium text-[0.7rem] text-primary no-underline hover:bg-primary hover:text-primary-foreground';
  const label = `Source ${citation.n}: ${citation.title}`;
  if (!href) return <span className={className}>{citation.n}</span>;
  return (
    <Link
      href={href}
      className={className}
      aria-label={label}
      title={`${citation.title}\n\n${citation.snippet}`}
    >
      {citation.n}
    </Link>
  );
}

/** A cited passage: the source's title and the chunk's text, opening the source entry. */
export function CitationCard({ citation }: { citation: CitationLike }) {
  const href = citationHref(citation);
  const Icon = citation.articleId ? NewspaperIcon : BookOpenIcon;
  const content = (
    <>
      <span className="flex items-center gap-2 font-medium text-sm">
        <span className="flex size-5 shrink-0 items-center justify-center rounded-full bg-primary/10 text-primary text-xs">
          {citation.n}
        </span>
        <Icon aria-hidden className="size-3.5 shrink-0 text-muted-foreground" />
        <span className="truncate">{citation.title}</span>
      </span>
      {citation.heading && citation.heading !== citation.title ? (
        <span className="truncate text-muted-foreground text-xs">{citation.heading}</span>
      ) : null}
      <span className="line-clamp-4 text-muted-foreground text-xs leading-relaxed">{citation.snippet}</span>
    </>
  );
  const className = 'flex h-full flex-col gap-1.5 rounded-lg border bg-card p-3 text-left transition-colors';
  return (
    <li data-testid="citation-card">
      {href ? (
        <Link href={href} className={cn(className, 'hover:border-ring/60 hover:bg-accent/40')}>
          {content}
        </Link>
      ) : (
        <div className={className}>{content}</div>
      )}
    </li>
  );
}

/**
 * An assistant answer: text with its `[n]` markers as links, cards for the passages it cites, and
 * the model, cost and latency. Works for a stored answer and for one still streaming (then the
 * citations are the sources retrieved so far, shown once the text cites them).
 */
export function AnswerView({
  text,
  citations,
  status,
  meta,
  actions,
}: {
  text: string;
  citations: CitationLike[];
  status: 'searching' | 'answering' | 'complete' | 'incomplete' | 'no_answer';
  meta: AnswerMeta | null;
  actions?: ReactNode;
}) {
  const byNumber = useMemo(() => new Map(citations.map((c) => [c.n, c])), [citations]);
  const segments = useMemo(() => splitCitations(text, new Set(byNumber.keys())), [text, byNumber]);
  const cited = useMemo(() => citedNumbers(text).flatMap((n) => byNumber.get(n) ?? []), [text, byNumber]);
  const streaming = status === 'searching' || status === 'answering';

  return (
    <article className="flex flex-col gap-3" data-testid="answer" data-status={status} aria-busy={streaming}>
      {status === 'no_answer' ? (
        <Card className="border-dashed py-4" data-testid="no-answer">
          <CardContent className="flex items-start gap-3">
            <SearchXIcon aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
            <div className="flex flex-col gap-1">
              <p className="font-medium text-sm">Nothing relevant found</p>
              <p className="text-muted-foreground text-sm">{text}</p>
            </div>
          </CardContent>
        </Card>
      ) : (
        <div className="whitespace-pre-wrap text-sm leading-relaxed" data-testid="answer-text">
          {segments.map((segment, i) =>
            segment.kind === 'text' ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: segments of one text, in order, never reordered
              <span key={i}>{segment.text}</span>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: a source may be cited several times
              <CitationMarker key={i} citation={byNumber.get(segment.n) as CitationLike} />
            ),
          )}
          {status === 'searching' ? (
            <span className="inline-flex items-center gap-2 text-muted-foreground">
              <LoaderCircleIcon aria-hidden className="size-4 animate-spin" />
              Searching your knowledge…
            </span>
          ) : null}
          {status === 'answering' ? (
            <span
              aria-hidden
              className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-foreground/60 align-text-bottom"
            />
          ) : null}
        </div>
      )}
      {cited.length > 0 ? (
        <section aria-label="Sources">
          <ol className="grid gap-2 sm:grid-cols-2">
            {cited.map((c) => (
              <CitationCard key={c.n} citation={c} />
            ))}
          </ol>
        </section>
      ) : null}
      {meta || actions ? (
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-muted-foreground text-xs">
          {status === 'incomplete' ? <Badge variant="outline">Incomplete</Badge> : null}
          {meta ? (
            <span className="flex flex-wrap items-center gap-x-3" data-testid="answer-meta">
              <span title="Model">{meta.modelId ?? 'no model call'}</span>
              {meta.costMicroUsd !== null ? <span title="Cost">{formatUsd(meta.costMicroUsd)}</span> : null}
              {meta.latencyMs !== null ? <span title="Latency">{formatLatency(meta.latencyMs)}</span> : null}
            </span>
          ) : null}
          {actions ? <div className="ml-auto flex items-center gap-1">{actions}</div> : null}
        </div>
      ) : null}
    </article>
  );
}
