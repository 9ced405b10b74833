import { z } from 'zod';

/**
 * The queue contract shared by producers and processors. Payload fields added later must be
 * optional so that jobs already waiting in Redis still parse.
 */
export const QUEUE_NAMES = [
  'ingest-entry',
  'import-file',
  'rss-poll',
  'news-enrich',
  'reindex',
  'entry-stats',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const uuid = z.uuid();

export const ZIngestEntryPayload = z.object({
  orgId: uuid,
  entryId: uuid,
  /** Re-embed even when the content hash is unchanged (model change, reindex). */
  force: z.boolean().optional(),
});
export const ZImportFilePayload = z.object({
  orgId: uuid,
  fileId: uuid,
  userId: uuid.optional(),
  /** How the resulting entry is filed (title, visibility, engagement, category, tags, type). */
  entry: z
    .object({
      title: z.string().optional(),
      type: z.string().optional(),
      visibility: z.enum(['organization', 'private']).optional(),
      engagementId: uuid.nullish(),
      categoryId: uuid.nullish(),
      tags: z.array(z.string()).optional(),
    })
    .optional(),
});
export const ZRssPollPayload = z.object({
  orgId: uuid,
  feedId: uuid,
  /** Poll even while the feed is backing off (manual refresh). Added later: optional. */
  force: z.boolean().optional(),
});
export const ZNewsEnrichPayload = z.object({ orgId: uuid, articleId: uuid });
export const ZReindexPayload = z.object({ orgId: uuid, model: z.string().min(1).optional() });
/** Recompute an entry's word count: the small real job that proves the queue path end to end. */
export const ZEntryStatsPayload = z.object({ orgId: uuid, entryId: uuid });

export const QUEUE_PAYLOADS = {
  'ingest-entry': ZIngestEntryPayload,
  'import-file': ZImportFilePayload,
  'rss-poll': ZRssPollPayload,
  'news-enrich': ZNewsEnrichPayload,
  reindex: ZReindexPayload,
  'entry-stats': ZEntryStatsPayload,
} as const satisfies Record<QueueName, z.ZodType>;

export type QueuePayloads = { [Q in QueueName]: z.infer<(typeof QUEUE_PAYLOADS)[Q]> };

export type JobProgress = { percent: number; stage: string };

export type EnqueueOptions = {
  /** Deduplicates: a job with the same id that is still waiting or active is not added twice. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
};

export type JobContext = {
  jobId: string;
  queue: QueueName;
  /** 1-based attempt number. */
  attempt: number;
  updateProgress: (progress: JobProgress) => Promise<void>;
  signal: AbortSignal;
};

export type Processor<Q extends QueueName> = (payload: QueuePayloads[Q], ctx: JobContext) => Promise<unknown>;
export type ProcessorMap = { [Q in QueueName]?: Processor<Q> };

export type QueueCounts = {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
};

export type JobInfo = {
  id: string;
  queue: QueueName;
  state: 'waiting' | 'active' | 'delayed' | 'failed' | 'completed';
  progress: JobProgress | null;
  attempts: number;
  error: string | null;
  payload: unknown;
  createdAt: Date;
};

export type JobState = JobInfo['state'];

/**
 * A repeating job: `payload` is enqueued on `queue` every `everyMs`, the first time at once.
 * Upserting an existing id replaces its interval and payload (BullMQ job schedulers; interval
 * timers in the in-process runner).
 */
export type ScheduleSpec<Q extends QueueName> = {
  queue: Q;
  id: string;
  everyMs: number;
  payload: QueuePayloads[Q];
};

/** What producers and the health check need, whichever backend runs the jobs. */
export type QueueBackend = {
  kind: 'bullmq' | 'in-process';
  enqueue<Q extends QueueName>(
    queue: Q,
    payload: QueuePayloads[Q],
    opts?: EnqueueOptions,
  ): Promise<{ id: string }>;
  counts(): Promise<Record<QueueName, QueueCounts>>;
  getJob(queue: QueueName, id: string): Promise<JobInfo | null>;
  upsertSchedule<Q extends QueueName>(spec: ScheduleSpec<Q>): Promise<void>;
  /** Removes a schedule (jobs it already created still run); false when there was none. */
  removeSchedule(queue: QueueName, id: string): Promise<boolean>;
  /** Newest first, at most `limit` jobs in these states (callers filter by organization). */
  listJobs(queue: QueueName, states: readonly JobState[], limit: number): Promise<JobInfo[]>;
  /** Moves a failed job back to waiting; false when it is not (or no longer) failed. */
  retryJob(queue: QueueName, id: string): Promise<boolean>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

export function parsePayload<Q extends QueueName>(queue: Q, payload: unknown): QueuePayloads[Q] {
  return QUEUE_PAYLOADS[queue].parse(payload) as QueuePayloads[Q];
}

/** Exponential backoff with full jitter, shared by both backends. */
export function backoffDelay(baseMs: number, attempt: number): number {
  const cap = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.round(cap / 2 + (Math.random() * cap) / 2);
}
