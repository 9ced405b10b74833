import { z } from 'zod';
import { NotFoundError } from '../../errors';
import { type JobInfo, type JobState, QUEUE_NAMES, type QueueName } from '../../queue/contract';
import type { Deps, OrgScope } from '../types';

/** Queues whose running jobs are shown as progress bars. */
export const PROGRESS_QUEUES = ['import-file', 'reindex', 'rss-poll', 'ingest-entry'] as const;
/** Jobs looked at per queue and state; another organization's jobs are looked at but never returned. */
const SCAN_LIMIT = 500;

export const ZQueueName = z.enum(QUEUE_NAMES);
export const ZListJobsInput = z.object({
  queues: z.array(ZQueueName).min(1).max(QUEUE_NAMES.length).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const ZJobRef = z.object({ queue: ZQueueName, id: z.string().min(1).max(200) });

export type JobView = {
  id: string;
  queue: QueueName;
  state: JobState;
  percent: number | null;
  stage: string | null;
  attempts: number;
  error: string | null;
  createdAt: Date;
  /** The entry, file, feed or article the job works on. */
  subject: { kind: 'entry' | 'file' | 'feed' | 'article' | 'organization'; id: string };
};

function payloadOrg(job: JobInfo): string | null {
  const p = job.payload as { orgId?: unknown } | null;
  return typeof p?.orgId === 'string' ? p.orgId : null;
}

function subjectOf(job: JobInfo): JobView['subject'] {
  const p = (job.payload ?? {}) as Record<string, unknown>;
  for (const [key, kind] of [
    ['entryId', 'entry'],
    ['fileId', 'file'],
    ['feedId', 'feed'],
    ['articleId', 'article'],
  ] as const) {
    if (typeof p[key] === 'string') return { kind, id: p[key] };
  }
  return { kind: 'organization', id: String(p.orgId ?? '') };
}

/** Only what the UI needs: never the raw payload, and only this organization's jobs. */
function toView(job: JobInfo): JobView {
  return {
    id: job.id,
    queue: job.queue,
    state: job.state,
    percent: job.progress?.percent ?? null,
    stage: job.progress?.stage ?? null,
    attempts: job.attempts,
    error: job.error ? job.error.slice(0, 500) : null,
    createdAt: job.createdAt,
    subject: subjectOf(job),
  };
}

async function listOrgJobs(
  deps: Pick<Deps, 'queue'>,
  orgId: string,
  queues: readonly QueueName[],
  states: JobState[],
  limit: number,
) {
  const lists = await Promise.all(queues.map((q) => deps.queue.listJobs(q, states, SCAN_LIMIT)));
  return lists
    .flat()
    .filter((j) => payloadOrg(j) === orgId)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, limit)
    .map(toView);
}

/** Running and waiting jobs (imports, re-indexing, feed polls, indexing) with their progress. */
export function listJobsInProgress(
  deps: Pick<Deps, 'queue'>,
  scope: OrgScope,
  input: z.infer<typeof ZListJobsInput>,
) {
  return listOrgJobs(
    deps,
    scope.orgId,
    input.queues ?? PROGRESS_QUEUES,
    ['active', 'waiting', 'delayed'],
    input.limit,
  );
}

/** Jobs that failed their last attempt, newest first, with the error. */
export function listFailedJobs(
  deps: Pick<Deps, 'queue'>,
  scope: OrgScope,
  input: z.infer<typeof ZListJobsInput>,
) {
  return listOrgJobs(deps, scope.orgId, input.queues ?? QUEUE_NAMES, ['failed'], input.limit);
}

async function orgJob(deps: Pick<Deps, 'queue'>, scope: OrgScope, ref: z.infer<typeof ZJobRef>) {
  const job = await deps.queue.getJob(ref.queue, ref.id);
  // Another organization's job is "not found": job ids reveal nothing.
  if (!job || payloadOrg(job) !== scope.orgId) throw new NotFoundError('Job', ref.id);
  return job;
}

export async function getJob(deps: Pick<Deps, 'queue'>, scope: OrgScope, ref: z.infer<typeof ZJobRef>) {
  return toView(await orgJob(deps, scope, ref));
}

/** Send a failed job back to the queue (its attempts start over). */
export async function retryJob(deps: Pick<Deps, 'queue'>, scope: OrgScope, ref: z.infer<typeof ZJobRef>) {
  await orgJob(deps, scope, ref);
  const retried = await deps.queue.retryJob(ref.queue, ref.id);
  return { retried };
}

/** States counted per queue on the jobs page (completed jobs are trimmed by the queue, not counted). */
export const COUNTED_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;
export type OrgQueueCounts = Record<(typeof COUNTED_STATES)[number], number>;

/**
 * This organization's jobs per queue and state. The queue's own counters span every tenant, so they
 * are only for the operator's `/api/health`; here we count what the scan finds of this organization
 * (at most SCAN_LIMIT jobs per queue and state, enough for a status page).
 */
export async function countOrgJobs(
  deps: Pick<Deps, 'queue'>,
  scope: OrgScope,
): Promise<Array<{ queue: QueueName } & OrgQueueCounts>> {
  return Promise.all(
    QUEUE_NAMES.map(async (queue) => {
      const counts: OrgQueueCounts = { waiting: 0, active: 0, delayed: 0, failed: 0 };
      for (const job of await deps.queue.listJobs(queue, COUNTED_STATES, SCAN_LIMIT)) {
        if (payloadOrg(job) !== scope.orgId || job.state === 'completed') continue;
        counts[job.state] += 1;
      }
      return { queue, ...counts };
    }),
  );
}
