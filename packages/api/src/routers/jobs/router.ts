import { z } from 'zod';
import { QUEUE_NAMES } from '../../queue/contract';
import {
  countOrgJobs,
  getJob,
  listFailedJobs,
  listJobsInProgress,
  retryJob,
  ZJobRef,
  ZListJobsInput,
} from '../../services/jobs/jobs';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZQueueCounts = z.object({
  queue: z.enum(QUEUE_NAMES),
  waiting: z.number(),
  active: z.number(),
  delayed: z.number(),
  failed: z.number(),
});

const ZJob = z.object({
  id: z.string(),
  queue: z.enum(QUEUE_NAMES),
  state: z.enum(['waiting', 'active', 'delayed', 'failed', 'completed']),
  percent: z.number().nullable(),
  stage: z.string().nullable(),
  attempts: z.number(),
  error: z.string().nullable(),
  createdAt: z.date(),
  subject: z.object({ kind: z.enum(['entry', 'file', 'feed', 'article', 'organization']), id: z.string() }),
});

// Jobs live in the queue, not the database: no enclosing transaction is needed.
export const jobsRouter = createTRPCRouter({
  progress: requirePermission('knowledge:read', { transaction: false })
    .input(ZListJobsInput.default({ limit: 50 }))
    .output(z.array(ZJob))
    .query(({ ctx, input }) => listJobsInProgress(ctx.deps, ctx.scope, input)),

  failed: requirePermission('knowledge:read', { transaction: false })
    .input(ZListJobsInput.default({ limit: 50 }))
    .output(z.array(ZJob))
    .query(({ ctx, input }) => listFailedJobs(ctx.deps, ctx.scope, input)),

  byId: requirePermission('knowledge:read', { transaction: false })
    .input(ZJobRef)
    .output(ZJob)
    .query(({ ctx, input }) => getJob(ctx.deps, ctx.scope, input)),

  counts: requirePermission('knowledge:read', { transaction: false })
    .output(z.array(ZQueueCounts))
    .query(({ ctx }) => countOrgJobs(ctx.deps, ctx.scope)),

  retry: requirePermission('knowledge:manage', { transaction: false })
    .input(ZJobRef)
    .output(z.object({ retried: z.boolean() }))
    .mutation(({ ctx, input }) => retryJob(ctx.deps, ctx.scope, input)),
});
