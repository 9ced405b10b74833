import { randomUUID } from 'node:crypto';
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

type Job = {
  id: string;
  queue: QueueName;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  state: JobInfo['state'];
  progress: JobProgress | null;
  error: string | null;
  createdAt: Date;
  runAt: number;
};

export type InProcessOptions = {
  processors: ProcessorMap;
  concurrency: (queue: QueueName) => number;
  attempts: number;
  backoffMs: number;
  logger: Logger;
  /** Completed/failed jobs kept for inspection. */
  keep?: number;
};

/**
 * The embedded-mode queue: same contract, retries with exponential backoff, progress and a failed
 * list, all in memory. Jobs do not survive a restart; the embedded mode is a single-machine install
 * and every job is idempotent, so a lost job is re-created by the next change.
 */
export function createInProcessQueue(opts: InProcessOptions): QueueBackend & {
  start(): void;
  drain(): Promise<void>;
} {
  const jobs = new Map<string, Job>();
  const schedules = new Map<string, NodeJS.Timeout>();
  const running = new Map<QueueName, number>();
  const timers = new Set<NodeJS.Timeout>();
  const controller = new AbortController();
  let started = false;
  let closed = false;
  let idleResolvers: Array<() => void> = [];

  const isIdle = () => [...jobs.values()].every((j) => j.state === 'completed' || j.state === 'failed');

  function settleIdle() {
    if (!isIdle()) return;
    const resolvers = idleResolvers;
    idleResolvers = [];
    for (const r of resolvers) r();
  }

  function prune() {
    const keep = opts.keep ?? 500;
    const finished = [...jobs.values()].filter((j) => j.state === 'completed' || j.state === 'failed');
    for (const j of finished.slice(0, Math.max(0, finished.length - keep))) jobs.delete(j.id);
  }

  let wakeAt = Number.POSITIVE_INFINITY;
  function schedule(delay: number) {
    const at = Date.now() + delay;
    // One pending wake-up is enough unless this one is earlier.
    if (timers.size > 0 && at >= wakeAt) return;
    wakeAt = at;
    const t = setTimeout(() => {
      timers.delete(t);
      wakeAt = Number.POSITIVE_INFINITY;
      pump();
    }, delay);
    t.unref?.();
    timers.add(t);
  }

  function pump() {
    if (!started || closed) return;
    const now = Date.now();
    let nextDue = Number.POSITIVE_INFINITY;
    for (const job of jobs.values()) {
      if (job.state === 'delayed') {
        if (job.runAt <= now) job.state = 'waiting';
        else nextDue = Math.min(nextDue, job.runAt);
      }
      if (job.state !== 'waiting') continue;
      const limit = opts.concurrency(job.queue);
      const active = running.get(job.queue) ?? 0;
      if (active >= limit) continue;
      running.set(job.queue, active + 1);
      void run(job);
    }
    // Timers may fire a millisecond early; re-arm for whatever is still not due.
    if (nextDue !== Number.POSITIVE_INFINITY) schedule(Math.max(1, nextDue - now));
    settleIdle();
  }

  async function run(job: Job) {
    job.state = 'active';
    job.attempts += 1;
    const processor = opts.processors[job.queue] as
      | ((p: unknown, c: unknown) => Promise<unknown>)
      | undefined;
    try {
      if (!processor) throw new Error(`no processor registered for queue ${job.queue}`);
      const payload = parsePayload(job.queue, job.payload);
      await processor(payload, {
        jobId: job.id,
        queue: job.queue,
        attempt: job.attempts,
        signal: controller.signal,
        updateProgress: async (p: JobProgress) => {
          job.progress = p;
        },
      });
      job.state = 'completed';
      job.error = null;
    } catch (error) {
      job.error = error instanceof Error ? error.message : String(error);
      if (job.attempts < job.maxAttempts && !closed) {
        job.state = 'delayed';
        const delay = backoffDelay(opts.backoffMs, job.attempts);
        job.runAt = Date.now() + delay;
        schedule(delay);
        opts.logger.warn(
          { queue: job.queue, jobId: job.id, attempt: job.attempts, err: job.error },
          'job failed, retrying',
        );
      } else {
        job.state = 'failed';
        opts.logger.error({ queue: job.queue, jobId: job.id, err: job.error }, 'job failed permanently');
        reportError(error, { queue: job.queue, jobId: job.id });
      }
    } finally {
      running.set(job.queue, (running.get(job.queue) ?? 1) - 1);
      prune();
      queueMicrotask(pump);
    }
  }

  function toInfo(j: Job): JobInfo {
    return {
      id: j.id,
      queue: j.queue,
      state: j.state,
      progress: j.progress,
      attempts: j.attempts,
      error: j.error,
      payload: j.payload,
      createdAt: j.createdAt,
    };
  }

  function emptyCounts(): Record<QueueName, QueueCounts> {
    return Object.fromEntries(
      QUEUE_NAMES.map((q) => [q, { waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0 }]),
    ) as Record<QueueName, QueueCounts>;
  }

  const backend: QueueBackend & { start(): void; drain(): Promise<void> } = {
    kind: 'in-process',
    start() {
      started = true;
      pump();
    },
    async enqueue<Q extends QueueName>(queue: Q, payload: QueuePayloads[Q], o: EnqueueOptions = {}) {
      parsePayload(queue, payload);
      if (closed) throw new Error('queue is closed');
      const id = o.jobId ?? randomUUID();
      const existing = jobs.get(id);
      if (
        existing &&
        (existing.state === 'waiting' || existing.state === 'active' || existing.state === 'delayed')
      ) {
        return { id };
      }
      const delay = o.delayMs ?? 0;
      jobs.set(id, {
        id,
        queue,
        payload,
        attempts: 0,
        maxAttempts: o.attempts ?? opts.attempts,
        state: delay > 0 ? 'delayed' : 'waiting',
        progress: null,
        error: null,
        createdAt: new Date(),
        runAt: Date.now() + delay,
      });
      if (delay > 0) schedule(delay);
      queueMicrotask(pump);
      return { id };
    },
    async counts() {
      const counts = emptyCounts();
      for (const j of jobs.values()) counts[j.queue][j.state] += 1;
      return counts;
    },
    async getJob(queue, id) {
      const j = jobs.get(id);
      if (!j || j.queue !== queue) return null;
      return toInfo(j);
    },
    async upsertSchedule(spec) {
      parsePayload(spec.queue, spec.payload);
      const key = `${spec.queue}:${spec.id}`;
      clearInterval(schedules.get(key));
      // Same job ids as BullMQ's schedulers: one per tick, so a tick never runs twice.
      const tick = () =>
        void backend
          .enqueue(spec.queue, spec.payload, { jobId: `repeat:${spec.id}:${Date.now()}` })
          .catch((err: unknown) => opts.logger.warn({ err, schedule: spec.id }, 'scheduled enqueue failed'));
      const timer = setInterval(tick, spec.everyMs);
      timer.unref?.();
      schedules.set(key, timer);
      tick();
    },
    async removeSchedule(queue, id) {
      const key = `${queue}:${id}`;
      const timer = schedules.get(key);
      clearInterval(timer);
      return schedules.delete(key) && timer !== undefined;
    },
    async listJobs(queue, states, limit) {
      return [...jobs.values()]
        .filter((j) => j.queue === queue && states.includes(j.state))
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .slice(0, limit)
        .map(toInfo);
    },
    async retryJob(queue, id) {
      const j = jobs.get(id);
      if (!j || j.queue !== queue || j.state !== 'failed' || closed) return false;
      j.state = 'waiting';
      j.attempts = 0;
      j.error = null;
      queueMicrotask(pump);
      return true;
    },
    async ping() {},
    /** Resolves when no job is waiting, delayed or active (tests and graceful shutdown). */
    drain() {
      if (isIdle()) return Promise.resolve();
      return new Promise<void>((resolve) => idleResolvers.push(resolve));
    },
    async close() {
      closed = true;
      for (const t of schedules.values()) clearInterval(t);
      schedules.clear();
      for (const t of timers) clearTimeout(t);
      timers.clear();
      // Let in-flight jobs finish before the database closes under them.
      const deadline = Date.now() + 10_000;
      while ([...running.values()].some((n) => n > 0) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 20));
      }
      controller.abort();
    },
  };
  return backend;
}
