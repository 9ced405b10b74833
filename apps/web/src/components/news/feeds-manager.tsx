'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  toast,
} from '@consailt/ui';
import { PauseIcon, PlayIcon, PlusIcon, RefreshCwIcon, RssIcon } from 'lucide-react';
import { useEffect, useState } from 'react';
import { lazyAfterHydration } from '@/hooks/lazy-after-hydration';
import { formatDateTime, formatNumber } from '@/lib/format';
import { api, type RouterOutputs } from '@/trpc/react';
import { ConfirmButton } from '../confirm-button';
import { JobProgress, useJob } from '../jobs/job-progress';
import { useSession } from '../session-provider';

type Feed = RouterOutputs['feeds']['list'][number];

export const INTERVALS = [
  { minutes: 15, label: 'Every 15 minutes' },
  { minutes: 30, label: 'Every 30 minutes' },
  { minutes: 60, label: 'Every hour' },
  { minutes: 180, label: 'Every 3 hours' },
  { minutes: 720, label: 'Every 12 hours' },
  { minutes: 1440, label: 'Daily' },
] as const;

function intervalLabel(minutes: number): string {
  return INTERVALS.find((i) => i.minutes === minutes)?.label ?? `Every ${formatNumber(minutes)} minutes`;
}

// Loaded just after the page hydrates (with Radix's dialog); until then its button shows, marked
// unavailable (aria-disabled) so that neither assistive technology nor a test clicks a dead button.
const AddFeedDialog = lazyAfterHydration(
  () => import('./add-feed-dialog'),
  () => (
    <Button aria-disabled="true">
      <PlusIcon aria-hidden />
      Add feed
    </Button>
  ),
);

/** "Refresh now": queues a poll and shows its progress until it finishes. */
function RefreshProgress({ jobId, onDone }: { jobId: string; onDone: () => void }) {
  const job = useJob({ queue: 'rss-poll', id: jobId });
  const state = job.data?.state;
  useEffect(() => {
    if (state === 'completed' || state === 'failed') onDone();
  }, [state, onDone]);
  if (!job.data) return null;
  return <JobProgress job={job.data} label="Refreshing" />;
}

function FeedRow({ feed, canManage }: { feed: Feed; canManage: boolean }) {
  const utils = api.useUtils();
  const [refreshJob, setRefreshJob] = useState<string | null>(null);
  const changed = () => void utils.feeds.list.invalidate();
  const onError = (error: { message: string }) => toast.error(error.message);
  const pause = api.feeds.pause.useMutation({ onSuccess: changed, onError });
  const resume = api.feeds.resume.useMutation({ onSuccess: changed, onError });
  const remove = api.feeds.delete.useMutation({
    onSuccess: () => {
      toast.success(`Feed “${feed.title}” deleted`);
      changed();
    },
    onError,
  });
  const refresh = api.feeds.refresh.useMutation({
    onSuccess: (result) => setRefreshJob(result.jobId),
    onError,
  });
  const paused = feed.status === 'paused';

  return (
    <li data-testid="feed-row" className="flex flex-col gap-3 px-6 py-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-start sm:gap-4">
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{feed.title}</span>
            <Badge variant={paused ? 'outline' : 'secondary'}>{paused ? 'Paused' : 'Active'}</Badge>
            {feed.consecutiveFailures > 0 ? (
              <Badge variant="destructive">
                {feed.consecutiveFailures} failure{feed.consecutiveFailures === 1 ? '' : 's'} in a row
              </Badge>
            ) : null}
          </div>
          <span className="truncate font-mono text-muted-foreground text-xs" title={feed.url}>
            {feed.url}
          </span>
          <dl
            className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-muted-foreground text-xs"
            data-testid="feed-health"
          >
            <div className="flex gap-1">
              <dt>Interval</dt>
              <dd>{intervalLabel(feed.intervalMinutes)}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Engagement</dt>
              <dd>{feed.engagementName ?? 'none'}</dd>
            </div>
            <div className="flex gap-1">
              <dt>Last fetch</dt>
              <dd className="tabular-nums">
                {feed.lastFetchedAt ? formatDateTime(feed.lastFetchedAt) : 'never'}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>Last success</dt>
              <dd className="tabular-nums">
                {feed.lastSuccessAt ? formatDateTime(feed.lastSuccessAt) : 'never'}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>Next fetch</dt>
              <dd className="tabular-nums">
                {paused ? 'paused' : feed.nextFetchAt ? formatDateTime(feed.nextFetchAt) : 'soon'}
              </dd>
            </div>
            <div className="flex gap-1">
              <dt>Articles</dt>
              <dd className="tabular-nums">
                {formatNumber(feed.articleCount)} ({formatNumber(feed.unreadCount)} unread)
              </dd>
            </div>
          </dl>
          {feed.lastError ? (
            <p className="text-destructive text-xs" data-testid="feed-error">
              Last error: {feed.lastError}
            </p>
          ) : null}
        </div>
        {canManage ? (
          <div className="flex flex-wrap gap-2 self-start">
            <Button
              variant="outline"
              size="sm"
              disabled={refresh.isPending || refreshJob !== null}
              onClick={() => refresh.mutate({ id: feed.id })}
              aria-label={`Refresh ${feed.title} now`}
            >
              <RefreshCwIcon className={refreshJob ? 'animate-spin' : undefined} aria-hidden />
              Refresh now
            </Button>
            {paused ? (
              <Button
                variant="outline"
                size="sm"
                disabled={resume.isPending}
                onClick={() => resume.mutate({ id: feed.id })}
                aria-label={`Resume ${feed.title}`}
              >
                <PlayIcon aria-hidden />
                Resume
              </Button>
            ) : (
              <Button
                variant="outline"
                size="sm"
                disabled={pause.isPending}
                onClick={() => pause.mutate({ id: feed.id })}
                aria-label={`Pause ${feed.title}`}
              >
                <PauseIcon aria-hidden />
                Pause
              </Button>
            )}
            <ConfirmButton
              variant="outline"
              size="sm"
              className="text-destructive hover:text-destructive"
              disabled={remove.isPending}
              aria-label={`Delete ${feed.title}`}
              title={`Delete “${feed.title}”?`}
              description={
                <p>Its schedule stops and its articles are removed. Entries saved to knowledge stay.</p>
              }
              confirmLabel="Delete feed"
              onConfirm={() => remove.mutate({ id: feed.id })}
            >
              Delete
            </ConfirmButton>
          </div>
        ) : null}
      </div>
      {refreshJob ? (
        <RefreshProgress
          jobId={refreshJob}
          onDone={() => {
            setRefreshJob(null);
            changed();
          }}
        />
      ) : null}
    </li>
  );
}

/** Feed settings: every feed with its health; add, refresh, pause, resume and delete for feeds:manage. */
export function FeedsManager() {
  const { can } = useSession();
  const canManage = can('feeds:manage');
  // Health changes as polls run in the background: keep it current while the page is open.
  const feeds = api.feeds.list.useQuery(undefined, { refetchInterval: 10_000 });
  const list = feeds.data ?? [];

  return (
    <Card className="gap-4">
      <CardHeader className="grid-cols-1 gap-3 sm:grid-cols-[1fr_auto]">
        <div className="grid gap-1.5">
          <CardTitle>Feeds</CardTitle>
          <CardDescription>
            Each feed is polled on its own schedule. Failing feeds back off and are paused after repeated
            failures.
          </CardDescription>
        </div>
        {canManage ? (
          <div className="sm:col-start-2 sm:row-start-1">
            <AddFeedDialog />
          </div>
        ) : null}
      </CardHeader>
      <CardContent className="px-0">
        {feeds.isPending ? (
          <p className="px-6 text-muted-foreground text-sm">Loading…</p>
        ) : list.length === 0 ? (
          <div className="flex flex-col items-center gap-2 px-6 py-10 text-center">
            <RssIcon className="size-6 text-muted-foreground" aria-hidden />
            <p className="font-medium text-sm">No feeds yet</p>
            <p className="max-w-sm text-muted-foreground text-sm">
              {canManage
                ? 'Add the RSS or Atom feeds of your clients’ industries.'
                : 'An admin can add feeds (feeds:manage).'}
            </p>
          </div>
        ) : (
          <ul className="divide-y border-t" aria-label="Feeds">
            {list.map((feed) => (
              <FeedRow key={feed.id} feed={feed} canManage={canManage} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
