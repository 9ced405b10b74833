'use client';

import { Progress } from '@consailt/ui';
import { humanize } from '@/lib/format';
import { api, type RouterInputs, type RouterOutputs } from '@/trpc/react';

export type JobView = RouterOutputs['jobs']['byId'];
export type JobRef = RouterInputs['jobs']['byId'];

/** What each queue does, in words a user recognises. */
export const QUEUE_LABELS: Record<JobView['queue'], string> = {
  'ingest-entry': 'Indexing',
  'import-file': 'File import',
  'rss-poll': 'Feed poll',
  'news-enrich': 'News enrichment',
  reindex: 'Re-indexing',
  'entry-stats': 'Entry statistics',
};

const FINISHED = new Set<JobView['state']>(['completed', 'failed']);

/** Polls one job until it completes or fails. */
export function useJob(ref: JobRef | null) {
  return api.jobs.byId.useQuery(ref ?? { queue: 'rss-poll', id: '-' }, {
    enabled: ref !== null,
    retry: false,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.state) ? false : 1000),
  });
}

/** A job's progress bar with its stage: a waiting job shows an empty bar, a running one its percent. */
export function JobProgress({ job, label }: { job: JobView; label?: string }) {
  const name = label ?? QUEUE_LABELS[job.queue];
  const percent =
    job.state === 'completed' ? 100 : job.state === 'waiting' || job.state === 'delayed' ? 0 : job.percent;
  const stage = job.state === 'active' ? (job.stage ? humanize(job.stage) : 'Running') : humanize(job.state);
  const text = percent === null ? stage : `${Math.round(percent)}%, ${stage.toLowerCase()}`;
  return (
    <div className="grid gap-1.5" data-testid="job-progress" data-state={job.state}>
      <div className="flex items-center justify-between gap-2 text-xs">
        <span className="font-medium">{name}</span>
        <span className="text-muted-foreground tabular-nums">{text}</span>
      </div>
      <Progress value={percent} label={name} valueText={text} />
      {job.state === 'failed' && job.error ? <p className="text-destructive text-xs">{job.error}</p> : null}
    </div>
  );
}
