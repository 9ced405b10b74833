import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';
import { reportError } from '../observability';
import {
  backoffDelay,
  type EnqueueOptions,
  type JobInfo,
  type JobProgress,
  type ProcessorMap,
  parsePayload,
  QUEUE_NAMES,
  type QueueBackend,
  type QueueCounts,
  type QueueName,
  type QueuePayloads,
} from './contract';

export const QUEUE_PREFIX = 'consailt';

export type BullOptions = {
  redisUrl: string;
  attempts: number;
  backoffMs: number;
  logger: Logger;
  prefix?: string;
  /** How long a worker's lock on a job lasts; a killed worker's jobs are stalled after this. */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs (their worker died) and hand them out again. */
  stalledIntervalMs?: number;
};

/** BullMQ needs `maxRetriesPerRequest: null` on connections used by workers (blocking commands). */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/** Producer side: one BullMQ Queue per name over a shared connection. */
export function createBullQueue(opts: BullOptions): QueueBackend & { connection: Redis } {
  const connection = createRedis(opts.redisUrl);
  connection.on('error', (err) => opts.logger.warn({ err: err.message }, 'redis connection error'));
  const queues = new Map<QueueName, Queue>();
  const prefix = opts.prefix ?? QUEUE_PREFIX;
  const queue = (name: QueueName) => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, {
        connection,
        prefix,
        defaultJobOptions: {
          attempts: opts.attempts,
          backoff: { type: 'consailt' },
          removeOnComplete: { age: 24 * 3600, count: 1000 },
          removeOnFail: { age: 14 * 24 * 3600 },
        },
      });
      queues.set(name, q);
    }
    return q;
  };

  return {
    kind: 'bullmq',
    connection,
    async enqueue<Q extends QueueName>(name: Q, payload: QueuePayloads[Q], o: EnqueueOptions = {}) {
      const data = parsePayload(name, payload);
      const job = await queue(name).add(name, data, {
        jobId: o.jobId,
        delay: o.delayMs,
        attempts: o.attempts,
      });
      return { id: String(job.id) };
    },
    async counts() {
      const entries = await Promise.all(
        QUEUE_NAMES.map(async (name) => {
          const c = await queue(name).getJobCounts(
            'waiting',
            'active',
            'delayed',
            'failed',
            'completed',
            'prioritized',
          );
          const counts: QueueCounts = {
            waiting: (c.waiting ?? 0) + (c.prioritized ?? 0),
            active: c.active ?? 0,
            delayed: c.delayed ?? 0,
            failed: c.failed ?? 0,
            completed: c.completed ?? 0,
          };
          return [name, counts] as const;
        }),
      );
      return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
    },
    async getJob(name, id) {
      const job = await queue(name).getJob(id);
      return job ? await toJobInfo(name, job) : null;
    },
    async upsertSchedule(spec) {
      const data = parsePayload(spec.queue, spec.payload);
      // A job scheduler creates its first job at once, then one every `every` ms.
      await queue(spec.queue).upsertJobScheduler(
        spec.id,
        { every: spec.everyMs },
        { name: spec.queue, data },
      );
    },
    async removeSchedule(name, id) {
      return queue(name).removeJobScheduler(id);
    },
    async listJobs(name, states, limit) {
      const lists = await Promise.all(
        states.map(async (state) => {
          const types = state === 'waiting' ? (['wait', 'prioritized'] as const) : ([state] as const);
          const jobs = await queue(name).getJobs([...types], 0, limit - 1, false);
          return Promise.all(jobs.filter((j): j is Job => Boolean(j)).map((j) => toJobInfo(name, j, state)));
        }),
      );
      return lists
        .flat()
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit);
    },
    async retryJob(name, id) {
      const job = await queue(name).getJob(id);
      if (!job || !(await job.isFailed())) return false;
      await job.retry('failed');
      return true;
    },
    async ping() {
      await connection.ping();
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      connection.disconnect();
    },
  };
}

async function toJobInfo(queue: QueueName, job: Job, known?: JobInfo['state']): Promise<JobInfo> {
  const state = known ?? (await job.getState());
  const progress = typeof job.progress === 'object' && job.progress ? (job.progress as JobProgress) : null;
  return {
    id: String(job.id),
    queue,
    state:
      state === 'completed' || state === 'failed' || state === 'active' || state === 'delayed'
        ? state
        : 'waiting',
    progress,
    attempts: job.attemptsMade,
    error: job.failedReason ?? null,
    payload: job.data,
    createdAt: new Date(job.timestamp),
  };
}

export type WorkerPool = { workers: Worker[]; close: (timeoutMs?: number) => Promise<void> };

/**
 * Consumer side: one BullMQ Worker per queue with a registered processor. `close()` stops taking
 * new jobs and waits for in-flight ones; past the timeout it forces the close, and BullMQ's
 * stalled-job check hands those jobs to the next worker.
 */
export function startBullWorkers(
  opts: BullOptions & { processors: ProcessorMap; concurrency: (q: QueueName) => number },
): WorkerPool {
  const workers: Worker[] = [];
  for (const name of QUEUE_NAMES) {
    const processor = opts.processors[name] as ((p: unknown, c: unknown) => Promise<unknown>) | undefined;
    if (!processor) continue;
    const worker = new Worker(
      name,
      async (job, _token, signal) => {
        const payload = parsePayload(name, job.data);
        return processor(payload, {
          jobId: String(job.id),
          queue: name,
          attempt: job.attemptsMade + 1,
          signal: signal ?? new AbortController().signal,
          updateProgress: (p: JobProgress) => job.updateProgress(p),
        });
      },
      {
        connection: createRedis(opts.redisUrl),
        prefix: opts.prefix ?? QUEUE_PREFIX,
        concurrency: opts.concurrency(name),
        settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(opts.backoffMs, attemptsMade) },
        lockDuration: opts.lockDurationMs ?? 30_000,
        stalledInterval: opts.stalledIntervalMs ?? 15_000,
        maxStalledCount: 2,
      },
    );
    worker.on('failed', (job, err) => {
      const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
      opts.logger[final ? 'error' : 'warn']({ queue: name, jobId: job?.id, err: err.message }, 'job failed');
      if (final) reportError(err, { queue: name, jobId: job?.id });
    });
    worker.on('error', (err) => opts.logger.error({ queue: name, err: err.message }, 'worker error'));
    workers.push(worker);
  }
  return {
    workers,
    async close(timeoutMs = 25_000) {
      let timer: NodeJS.Timeout | undefined;
      const graceful = Promise.all(workers.map((w) => w.close())).then(() => true);
      const timeout = new Promise<boolean>((r) => {
        timer = setTimeout(() => r(false), timeoutMs);
      });
      const done = await Promise.race([graceful, timeout]);
      clearTimeout(timer);
      if (!done) await Promise.all(workers.map((w) => w.close(true)));
    },
  };
}
