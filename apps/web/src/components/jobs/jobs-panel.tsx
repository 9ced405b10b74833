'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  toast,
} from '@consailt/ui';
import { CircleCheckIcon, LoaderCircleIcon, RotateCwIcon } from 'lucide-react';
import { formatDateTime, formatNumber, humanize } from '@/lib/format';
import { api } from '@/trpc/react';
import { useSession } from '../session-provider';
import { JobProgress, QUEUE_LABELS } from './job-progress';

const POLL_MS = 2000;
const COUNT_COLUMNS = ['waiting', 'active', 'delayed', 'failed'] as const;

function QueueCounts() {
  const counts = api.jobs.counts.useQuery(undefined, { refetchInterval: POLL_MS });
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>Queues</CardTitle>
        <CardDescription>
          Your organization’s background jobs per queue, refreshed every few seconds.
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <Table data-testid="queue-counts">
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Queue</TableHead>
              {COUNT_COLUMNS.map((c) => (
                <TableHead key={c} className="text-right last:pr-6">
                  {humanize(c)}
                </TableHead>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {(counts.data ?? []).map((row) => (
              <TableRow key={row.queue} data-testid="queue-row" data-queue={row.queue}>
                <TableCell className="pl-6 font-medium">{QUEUE_LABELS[row.queue]}</TableCell>
                {COUNT_COLUMNS.map((c) => (
                  <TableCell
                    key={c}
                    className={`text-right tabular-nums last:pr-6 ${c === 'failed' && row.failed > 0 ? 'text-destructive' : 'text-muted-foreground'}`}
                  >
                    {formatNumber(row[c])}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function RunningJobs() {
  const progress = api.jobs.progress.useQuery({ limit: 50 }, { refetchInterval: POLL_MS });
  const jobs = progress.data ?? [];
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>In progress</CardTitle>
        <CardDescription>
          Imports, re-indexing, indexing and feed polls that are running or waiting.
        </CardDescription>
      </CardHeader>
      <CardContent>
        {progress.isPending ? (
          <LoaderCircleIcon className="size-5 animate-spin text-muted-foreground" aria-label="Loading" />
        ) : jobs.length === 0 ? (
          <p className="flex items-center gap-2 text-muted-foreground text-sm">
            <CircleCheckIcon className="size-4" aria-hidden />
            Nothing running right now.
          </p>
        ) : (
          <ul className="grid gap-4" aria-label="Jobs in progress">
            {jobs.map((job) => (
              <li key={`${job.queue}:${job.id}`}>
                <JobProgress job={job} />
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function FailedJobs() {
  const { can } = useSession();
  const utils = api.useUtils();
  const failed = api.jobs.failed.useQuery({ limit: 50 }, { refetchInterval: POLL_MS * 5 });
  const retry = api.jobs.retry.useMutation({
    onSuccess: (result) => {
      if (result.retried) toast.success('Job sent back to the queue');
      else toast.error('That job is no longer failed');
      void utils.jobs.invalidate();
    },
    onError: (error) => toast.error(error.message),
  });
  const jobs = failed.data ?? [];
  const canRetry = can('knowledge:manage');
  return (
    <Card className="gap-4">
      <CardHeader>
        <CardTitle>Failed jobs</CardTitle>
        <CardDescription>
          Jobs that failed every attempt, newest first.{' '}
          {canRetry ? 'Retry one once its cause is fixed.' : 'An admin can retry them.'}
        </CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        {jobs.length === 0 ? (
          <p className="px-6 text-muted-foreground text-sm">
            {failed.isPending ? 'Loading…' : 'No failed jobs.'}
          </p>
        ) : (
          <ul className="divide-y border-t" aria-label="Failed jobs">
            {jobs.map((job) => (
              <li
                key={`${job.queue}:${job.id}`}
                data-testid="failed-job"
                className="flex flex-col gap-2 px-6 py-3 sm:flex-row sm:items-start sm:gap-4"
              >
                <div className="flex min-w-0 flex-1 flex-col gap-1">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">{QUEUE_LABELS[job.queue]}</span>
                    <Badge variant="outline">
                      {humanize(job.subject.kind)} {job.subject.id.slice(0, 8)}
                    </Badge>
                    <span className="text-muted-foreground text-xs tabular-nums">
                      {formatDateTime(job.createdAt)} · {job.attempts} attempts
                    </span>
                  </div>
                  <p className="break-words font-mono text-destructive text-xs">
                    {job.error ?? 'Unknown error'}
                  </p>
                </div>
                {canRetry ? (
                  <Button
                    variant="outline"
                    size="sm"
                    className="self-start"
                    disabled={retry.isPending}
                    onClick={() => retry.mutate({ queue: job.queue, id: job.id })}
                  >
                    <RotateCwIcon aria-hidden />
                    Retry
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** Settings → Jobs: counts per queue, running jobs with progress, failed jobs with retry (admins). */
export function JobsPanel() {
  return (
    <>
      <RunningJobs />
      <FailedJobs />
      <QueueCounts />
    </>
  );
}
