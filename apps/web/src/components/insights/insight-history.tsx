'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  cn,
  Skeleton,
} from '@consailt/ui';
import { HistoryIcon, LockIcon } from 'lucide-react';
import { formatDateTime, formatUsd } from '@/lib/format';
import { api } from '@/trpc/react';
import { kindLabel } from './insight-kinds';

/** Insights run before, newest first: of the chosen engagement, or of the whole organization. */
export function InsightHistory({
  engagementId,
  engagementName,
  selectedId,
  onSelect,
}: {
  engagementId: string | null;
  engagementName: string | null;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const history = api.insights.list.useInfiniteQuery(
    { engagementId, limit: 20 },
    { getNextPageParam: (last) => last.nextCursor },
  );
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Card data-testid="insight-history">
      <CardHeader>
        <CardTitle className="flex items-center gap-2 text-base">
          <HistoryIcon aria-hidden className="size-4" />
          History
        </CardTitle>
        <CardDescription>{engagementName ? `Insights on ${engagementName}` : 'All insights'}</CardDescription>
      </CardHeader>
      <CardContent>
        {history.isPending ? (
          <div className="flex flex-col gap-2" aria-busy="true">
            <Skeleton className="h-12 w-full" />
            <Skeleton className="h-12 w-full" />
          </div>
        ) : history.isError ? (
          <p className="text-destructive text-sm" role="alert">
            {history.error.message}
          </p>
        ) : items.length === 0 ? (
          <p className="text-muted-foreground text-sm">
            No insights yet. Pick a kind of analysis and run it: the result is saved here.
          </p>
        ) : (
          <ul className="flex flex-col gap-1">
            {items.map((item) => (
              <li key={item.id}>
                <button
                  type="button"
                  onClick={() => onSelect(item.id)}
                  aria-current={item.id === selectedId ? 'true' : undefined}
                  className={cn(
                    'flex w-full flex-col gap-1 rounded-md px-2 py-2 text-left text-sm transition-colors hover:bg-accent',
                    'outline-none focus-visible:ring-[3px] focus-visible:ring-ring',
                    item.id === selectedId && 'bg-accent',
                  )}
                >
                  <span className="flex items-center gap-2">
                    <Badge variant="secondary">{kindLabel(item.kind)}</Badge>
                    {item.visibility === 'private' ? (
                      <LockIcon aria-label="Private" className="size-3.5 text-muted-foreground" />
                    ) : null}
                  </span>
                  <span className="line-clamp-2 font-medium">{item.title}</span>
                  <span className="text-muted-foreground text-xs">
                    {formatDateTime(item.createdAt)}
                    {item.costMicroUsd !== null ? ` · ${formatUsd(item.costMicroUsd)}` : ''}
                    {item.citationCount > 0 ? ` · ${item.citationCount} cited` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {history.hasNextPage ? (
          <Button
            variant="ghost"
            size="sm"
            className="mt-2 w-full"
            disabled={history.isFetchingNextPage}
            onClick={() => void history.fetchNextPage()}
          >
            {history.isFetchingNextPage ? 'Loading…' : 'Show older'}
          </Button>
        ) : null}
      </CardContent>
    </Card>
  );
}
