import { randomUUID } from 'node:crypto';
import {
  type EnqueueOptions,
  parsePayload,
  type QueueBackend,
  type QueueName,
  type QueuePayloads,
} from './contract';

/**
 * A queue whose enqueues wait for the surrounding transaction to commit: a job must never run
 * before the rows it reads are visible, and a rolled-back request must not leave jobs behind.
 */
export function createDeferredQueue(inner: QueueBackend) {
  let pending: Array<() => Promise<unknown>> = [];
  const backend: QueueBackend = {
    ...inner,
    async enqueue<Q extends QueueName>(queue: Q, payload: QueuePayloads[Q], opts: EnqueueOptions = {}) {
      parsePayload(queue, payload);
      const jobId = opts.jobId ?? randomUUID();
      pending.push(() => inner.enqueue(queue, payload, { ...opts, jobId }));
      return { id: jobId };
    },
    // Schedules too: a poll must not start for a feed whose row may still roll back.
    async upsertSchedule(spec) {
      parsePayload(spec.queue, spec.payload);
      pending.push(() => inner.upsertSchedule(spec));
    },
    async removeSchedule(queue, id) {
      pending.push(() => inner.removeSchedule(queue, id));
      return true;
    },
  };
  return {
    backend,
    /** Send everything queued so far (call after commit). */
    async flush() {
      const jobs = pending;
      pending = [];
      for (const send of jobs) await send();
    },
    discard() {
      pending = [];
    },
  };
}
