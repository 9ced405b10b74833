'use client';

import { Button, Card, CardContent, Label, NativeSelect, Skeleton, Switch } from '@consailt/ui';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { LoaderCircleIcon, NewspaperIcon, RotateCwIcon } from 'lucide-react';
import { useId, useState } from 'react';
import { api } from '@/trpc/react';
import { ArticleCard } from './article-card';

const PAGE_SIZE = 20;

type Filters = { feedId: string; engagementId: string; unread: boolean; saved: boolean };

/** The article list with its filters (feed, engagement, unread, saved), newest first. */
export function NewsList() {
  const id = useId();
  const utils = api.useUtils();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<Filters>({
    feedId: '',
    engagementId: '',
    unread: false,
    saved: false,
  });
  const feeds = api.feeds.list.useQuery();
  const engagements = api.engagements.list.useQuery();
  const input = {
    limit: PAGE_SIZE,
    ...(filters.feedId ? { feedId: filters.feedId } : {}),
    ...(filters.engagementId ? { engagementId: filters.engagementId } : {}),
    ...(filters.unread ? { unread: true } : {}),
    ...(filters.saved ? { saved: true } : {}),
  };
  // Plain React Query with the tRPC client, as the knowledge table does: only what we pass is sent.
  const query = useInfiniteQuery({
    queryKey: ['news.list', 'infinite', input],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => utils.client.news.list.query({ ...input, cursor: pageParam }),
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Enrichment (summary, relevance) lands shortly after a poll: look again while anything is pending.
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((a) => !a.enriched)) ? 3000 : false,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['news.list'] });
    void utils.feeds.list.invalidate();
  };
  const articles = query.data?.pages.flatMap((p) => p.items) ?? [];
  const set = <K extends keyof Filters>(key: K, value: Filters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <div className="flex flex-col gap-4">
      <search
        className="grid gap-3 rounded-lg border p-3 sm:grid-cols-2 lg:grid-cols-4"
        aria-label="Filter articles"
      >
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-feed`}>Feed</Label>
          <NativeSelect
            id={`${id}-feed`}
            value={filters.feedId}
            onChange={(e) => set('feedId', e.target.value)}
          >
            <option value="">All feeds</option>
            {(feeds.data ?? []).map((f) => (
              <option key={f.id} value={f.id}>
                {f.title}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor={`${id}-engagement`}>Relevant to</Label>
          <NativeSelect
            id={`${id}-engagement`}
            value={filters.engagementId}
            onChange={(e) => set('engagementId', e.target.value)}
          >
            <option value="">Any engagement</option>
            {(engagements.data ?? []).map((e) => (
              <option key={e.id} value={e.id}>
                {e.name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="flex items-center gap-2 self-end pb-2">
          <Switch id={`${id}-unread`} checked={filters.unread} onCheckedChange={(v) => set('unread', v)} />
          <Label htmlFor={`${id}-unread`}>Unread only</Label>
        </div>
        <div className="flex items-center gap-2 self-end pb-2">
          <Switch id={`${id}-saved`} checked={filters.saved} onCheckedChange={(v) => set('saved', v)} />
          <Label htmlFor={`${id}-saved`}>Saved to knowledge</Label>
        </div>
      </search>

      {query.isError ? (
        <Card role="alert">
          <CardContent className="flex flex-col items-start gap-3">
            <p className="text-sm">The news could not be loaded: {query.error.message}</p>
            <Button variant="outline" size="sm" onClick={() => void query.refetch()}>
              <RotateCwIcon aria-hidden />
              Retry
            </Button>
          </CardContent>
        </Card>
      ) : query.isPending ? (
        <div className="grid gap-3">
          {['a', 'b', 'c'].map((k) => (
            <Skeleton key={k} className="h-32 w-full" />
          ))}
        </div>
      ) : articles.length === 0 ? (
        <Card className="border-dashed">
          <CardContent className="flex flex-col items-center gap-2 py-10 text-center">
            <NewspaperIcon className="size-6 text-muted-foreground" aria-hidden />
            <p className="font-medium text-sm">
              No articles{Object.keys(input).length > 1 ? ' match these filters' : ' yet'}
            </p>
            <p className="max-w-sm text-muted-foreground text-sm">
              Articles appear here after your feeds are polled. Add or refresh feeds under Manage feeds.
            </p>
          </CardContent>
        </Card>
      ) : (
        <ul className="grid gap-3" aria-label="Articles">
          {articles.map((article) => (
            <li key={article.id}>
              <ArticleCard article={article} onChanged={refresh} />
            </li>
          ))}
        </ul>
      )}

      {query.hasNextPage ? (
        <div className="flex justify-center">
          <Button
            variant="outline"
            size="sm"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? <LoaderCircleIcon className="animate-spin" aria-hidden /> : null}
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
