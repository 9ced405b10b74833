'use client';

import { Badge, Card, CardContent } from '@consailt/ui';
import { BookOpenIcon, ChevronRightIcon, NewspaperIcon } from 'lucide-react';
import Link from 'next/link';
import { formatDate, humanize } from '@/lib/format';
import type { RouterOutputs } from '@/trpc/react';
import { sourceHref } from './search-params';
import { Snippet } from './snippet';

export type SearchHit = RouterOutputs['search']['query']['items'][number];

const MATCH_LABELS = { lexical: 'keywords', vector: 'meaning', hybrid: 'both' } as const;

/** One entry (or article) of the results with its best passage; `onOpen` runs before navigation. */
export function SearchResult({ hit, onOpen }: { hit: SearchHit; onOpen: (hit: SearchHit) => void }) {
  const Icon = hit.kind === 'entry' ? BookOpenIcon : NewspaperIcon;
  // The path starts with the entry's own title when the body has no top heading: no need to repeat it.
  const path = hit.chunk.headingPath.filter((heading, i) => heading && !(i === 0 && heading === hit.title));
  return (
    <Card className="relative gap-0 py-0 transition-colors focus-within:ring-2 focus-within:ring-ring hover:border-ring/60">
      <CardContent className="flex flex-col gap-2 py-4" data-testid="search-result">
        <div className="flex items-start gap-2">
          <Icon aria-hidden className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
          <h3 className="min-w-0 flex-1 font-medium leading-snug">
            {/* The whole card is clickable through this link's overlay, so there is one link per result. */}
            <Link
              href={sourceHref(hit.kind, hit.id)}
              onClick={() => onOpen(hit)}
              className="outline-none after:absolute after:inset-0 hover:underline"
            >
              {hit.title}
            </Link>
          </h3>
          <Badge variant="secondary">{humanize(hit.type)}</Badge>
        </div>
        {path.length > 0 ? (
          <p className="flex flex-wrap items-center gap-1 text-muted-foreground text-xs">
            {path.map((heading, i) => (
              // A heading path is a fixed sequence for one chunk; the position is part of its identity.
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <span key={i} className="flex items-center gap-1">
                {i > 0 ? <ChevronRightIcon aria-hidden className="size-3" /> : null}
                {heading}
              </span>
            ))}
          </p>
        ) : null}
        <Snippet parts={hit.snippet} />
        <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-muted-foreground text-xs">
          {hit.engagementName ? <span>{hit.engagementName}</span> : null}
          {hit.authorName ? <span>{hit.authorName}</span> : null}
          <span>{formatDate(hit.date)}</span>
          {hit.tags.map((tag) => (
            <Badge key={tag} variant="outline" className="font-normal">
              {tag}
            </Badge>
          ))}
          <span className="ml-auto">
            matched by {hit.matchedBy.map((m) => MATCH_LABELS[m]).join(' and ')}
          </span>
        </div>
      </CardContent>
    </Card>
  );
}
