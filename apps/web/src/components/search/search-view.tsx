'use client';

import { Button, Card, CardContent, Input, Skeleton } from '@consailt/ui';
import { keepPreviousData } from '@tanstack/react-query';
import { LoaderCircleIcon, RotateCwIcon, SearchIcon, SearchXIcon } from 'lucide-react';
import { memo, type ReactNode, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useDelayedFlag } from '@/hooks/use-delayed-flag';
import { usePrehydrationValue } from '@/hooks/use-prehydration-value';
import { formatNumber } from '@/lib/format';
import { api, type RouterInputs } from '@/trpc/react';
import { FormError } from '../form-error';
import { type SearchFilterOptions, SearchFilters } from './search-filters';
import { MAX_QUERY_LENGTH, type SearchState, toApiFilters, toSearchParams } from './search-params';
import { type SearchHit, SearchResult } from './search-result';

const PAGE_SIZE = 10;
const SPINNER_DELAY_MS = 300;

type ApiFilters = NonNullable<RouterInputs['search']['query']['filters']>;

function LoadingResults() {
  return (
    <div className="flex flex-col gap-3" aria-hidden>
      {['a', 'b', 'c'].map((key) => (
        <Card key={key} className="py-4">
          <CardContent className="flex flex-col gap-2">
            <Skeleton className="h-5 w-2/3" />
            <Skeleton className="h-4 w-full" />
            <Skeleton className="h-4 w-5/6" />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

function EmptyState({
  icon: Icon,
  title,
  children,
}: {
  icon: typeof SearchIcon;
  title: string;
  children: string;
}) {
  return (
    <Card className="border-dashed" data-testid="search-empty">
      <CardContent className="flex flex-col items-center gap-2 py-8 text-center">
        <span className="flex size-10 items-center justify-center rounded-full bg-muted">
          <Icon aria-hidden className="size-5 text-muted-foreground" />
        </span>
        <p className="font-medium">{title}</p>
        <p className="max-w-md text-muted-foreground text-sm">{children}</p>
      </CardContent>
    </Card>
  );
}

/** The ranked results; memoized, so a keystroke re-renders it only once its results arrive. */
const ResultList = memo(function ResultList({
  hits,
  onOpen,
}: {
  hits: { hit: SearchHit; searchId: string | null }[];
  onOpen: (hit: SearchHit, searchId: string | null) => void;
}) {
  return (
    <ol className="flex flex-col gap-3" aria-label="Results">
      {hits.map(({ hit, searchId }) => (
        <li key={`${hit.kind}-${hit.id}`}>
          <SearchResult hit={hit} onOpen={(h) => onOpen(h, searchId)} />
        </li>
      ))}
    </ol>
  );
});

/**
 * The Search page: results as you type, filters beside them, load more at the end. The state is
 * mirrored into the URL (replaceState, so typing does not fill the history) to make searches shareable.
 */
export function SearchView({ initial, options }: { initial: SearchState; options: SearchFilterOptions }) {
  const inputId = useId();
  const [state, setState] = useState(initial);
  const inputRef = useRef<HTMLInputElement>(null);
  usePrehydrationValue(inputRef, state.q, (q) => setState((current) => ({ ...current, q })));
  // Every keystroke searches, with no pause first: a search the next keystroke overtakes is aborted
  // (the server then skips its remaining database work), and the searches fired on the way are
  // recorded as one (see `continueTypedSearch`). A 50 ms pause cost 50 ms on every search and saved
  // nothing at typing speed: keys ~90 ms apart each got their own search anyway (docs/BENCHMARKS.md).
  const query = state.q.trim();

  useEffect(() => {
    // After this render's search request has gone out: Next.js's router handles replaceState too,
    // and that work must not stand between the pause in typing and the request.
    const timer = setTimeout(() => {
      const params = toSearchParams(state).toString();
      const url = `${window.location.pathname}${params ? `?${params}` : ''}`;
      if (url !== `${window.location.pathname}${window.location.search}`)
        window.history.replaceState(null, '', url);
    }, 0);
    return () => clearTimeout(timer);
  }, [state]);

  const results = api.search.query.useInfiniteQuery(
    { query, filters: toApiFilters(state) as ApiFilters, limit: PAGE_SIZE },
    {
      enabled: query.length > 0,
      getNextPageParam: (page) => page.nextCursor,
      // Keep the previous results on screen while the next keystroke's results load.
      placeholderData: keepPreviousData,
      // A search the typing has moved past is cancelled (its request aborted), so the server stops
      // queuing its work: on the embedded database's single connection it would delay the next.
      trpc: { abortOnUnmount: true },
    },
  );
  const click = api.search.click.useMutation();
  const recordClick = useRef(click.mutate);
  recordClick.current = click.mutate;

  // Best effort: a lost click record must never stand between the user and the entry.
  const onOpen = useCallback((hit: SearchHit, searchId: string | null) => {
    if (!searchId) return;
    recordClick.current(
      { searchId, entryId: hit.kind === 'entry' ? hit.id : null, rank: hit.rank },
      { onError: () => {} },
    );
  }, []);

  // Stable across keystrokes, so the filters and the results list re-render only when they change.
  const patch = useCallback(
    (next: Partial<SearchState>) => setState((current) => ({ ...current, ...next })),
    [],
  );
  const pages = useMemo(() => (query ? (results.data?.pages ?? []) : []), [query, results.data]);
  const hits = useMemo(
    () => pages.flatMap((page) => page.items.map((hit) => ({ hit, searchId: page.searchId }))),
    [pages],
  );
  const lastPage = pages.at(-1);
  // The query whose results are on screen (not a previous query's, kept while the next one loads);
  // exposed as `data-results-for` so tests and the search-as-you-type benchmark can tell when they show.
  const settledFor = query && results.isSuccess && !results.isPlaceholderData ? query : '';
  const busy = results.isFetching && !results.isFetchingNextPage;
  // The spinner appears only for a search slower than SPINNER_DELAY_MS (results usually come sooner).
  const slow = useDelayedFlag(Boolean(query) && busy, SPINNER_DELAY_MS);

  let body: ReactNode;
  if (!query) {
    body = (
      <EmptyState icon={SearchIcon} title="Search your organization's knowledge">
        Type a few words: results match your keywords and their meaning, so different wording still finds an
        entry. Use the filters to narrow by engagement, category, tag, type, author, date or source.
      </EmptyState>
    );
  } else if (results.isError) {
    body = (
      <div className="flex flex-col items-start gap-3" role="alert">
        <FormError error={results.error} />
        <Button variant="outline" size="sm" onClick={() => void results.refetch()}>
          <RotateCwIcon aria-hidden />
          Retry
        </Button>
      </div>
    );
  } else if (results.isPending) {
    body = <LoadingResults />;
  } else if (hits.length === 0) {
    body = (
      <EmptyState icon={SearchXIcon} title={`No results for “${query}”`}>
        Nothing you can see matches these words and filters. Try other words, or clear some filters.
      </EmptyState>
    );
  } else {
    body = (
      <div className="flex flex-col gap-3">
        <ResultList hits={hits} onOpen={onOpen} />
        {results.hasNextPage ? (
          <Button
            variant="outline"
            className="self-center"
            disabled={results.isFetchingNextPage}
            onClick={() => void results.fetchNextPage()}
          >
            {results.isFetchingNextPage ? <LoaderCircleIcon aria-hidden className="animate-spin" /> : null}
            Load more
          </Button>
        ) : (
          <p className="text-center text-muted-foreground text-xs">End of results</p>
        )}
      </div>
    );
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_16rem]">
      <div className="flex min-w-0 flex-col gap-4">
        <search className="relative">
          <label htmlFor={inputId} className="sr-only">
            Search knowledge
          </label>
          <SearchIcon
            aria-hidden
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
          />
          <Input
            id={inputId}
            ref={inputRef}
            type="search"
            autoFocus
            autoComplete="off"
            placeholder="Search notes, documents, meetings…"
            maxLength={MAX_QUERY_LENGTH}
            value={state.q}
            onChange={(e) => patch({ q: e.target.value })}
            className="h-11 pr-10 pl-9 text-base"
          />
          {slow ? (
            <LoaderCircleIcon
              aria-hidden
              data-testid="search-busy"
              className="absolute top-1/2 right-3 size-4 -translate-y-1/2 animate-spin text-muted-foreground"
            />
          ) : null}
        </search>
        {query && lastPage && hits.length > 0 ? (
          <p className="text-muted-foreground text-sm" aria-live="polite" data-testid="search-summary">
            {formatNumber(hits.length)}
            {results.hasNextPage ? '+' : ''} {hits.length === 1 ? 'result' : 'results'} · {lastPage.latencyMs}{' '}
            ms
          </p>
        ) : null}
        {query && lastPage?.notice ? (
          <p className="text-muted-foreground text-sm" role="status" data-testid="search-notice">
            {lastPage.notice}
          </p>
        ) : null}
        <div data-results-for={settledFor}>{body}</div>
      </div>
      <aside className="order-first lg:order-none">
        <SearchFilters state={state} options={options} onChange={patch} />
      </aside>
    </div>
  );
}
