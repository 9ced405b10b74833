import { createAiServiceFromEnv } from '@consailt/ai';
import {
  createDatabase,
  type DatabaseHandle,
  scheduleAnalyze,
  seedDemoData,
  withOrgContext,
} from '@consailt/db';
import { type ApiEnv, getApiEnv, queueConcurrency } from '../env';
import { createPgInteractionSink } from '../services/ai/interaction-sink';
import { loadBudgetLimits, loadOrgAiConfig } from '../services/ai/org-config';
import { createPgBudgetStore } from '../services/ai/pg-budget-store';
import { recordAudit } from '../services/audit/record-audit';
import { createClerkMirror } from '../services/clerk/mirror';
import { syncFeedSchedules } from '../services/news/schedule';

export { type ApiEnv, getApiEnv, queueConcurrency } from '../env';

import { createLogger, type Logger } from '../logger';
import { createBullQueue } from '../queue/bullmq';
import type { QueueBackend, QueueCounts, QueueName } from '../queue/contract';
import { createInProcessQueue } from '../queue/in-process';
import { createProcessors } from '../queue/processors';
import type { Deps } from '../services/types';

export type Runtime = {
  env: ApiEnv;
  database: DatabaseHandle;
  queue: QueueBackend;
  logger: Logger;
  deps: Deps;
  version: string;
  /** Starts the in-process job runner (embedded mode only). */
  startInProcessWorker: () => void;
  close: () => Promise<void>;
};

// One runtime per process, shared by every bundle Next.js builds (route handlers, instrumentation):
// two PGlite instances on one data directory would corrupt it.
const KEY = Symbol.for('consailt.runtime');
type GlobalWithRuntime = typeof globalThis & { [KEY]?: Promise<Runtime> };

export async function createRuntime(
  env: ApiEnv = getApiEnv(),
  opts: { database?: DatabaseHandle } = {},
): Promise<Runtime> {
  const logger = createLogger(env.LOG_LEVEL);
  const database =
    opts.database ?? (await createDatabase({ url: env.DATABASE_URL, poolMax: env.DATABASE_POOL_MAX }));
  const deps = { db: database.db, logger, clerk: createClerkMirror(env) } as Deps;
  let startWorker = () => {};
  let redis: ReturnType<typeof createBullQueue>['connection'] | undefined;
  if (env.REDIS_URL) {
    const bull = createBullQueue({
      redisUrl: env.REDIS_URL,
      attempts: env.QUEUE_ATTEMPTS,
      backoffMs: env.QUEUE_BACKOFF_MS,
      prefix: env.QUEUE_PREFIX,
      logger,
    });
    deps.queue = bull;
    redis = bull.connection;
  } else {
    const q = createInProcessQueue({
      processors: createProcessors(deps),
      concurrency: (name) => queueConcurrency(env, name),
      attempts: env.QUEUE_ATTEMPTS,
      backoffMs: env.QUEUE_BACKOFF_MS,
      logger,
    });
    deps.queue = q;
    startWorker = () => q.start();
  }
  // Budgets and circuit state are shared through Redis when there is one, else kept per process.
  deps.ai = createAiServiceFromEnv(env, {
    sink: createPgInteractionSink(database.db, logger),
    redis,
    budgetStore: redis ? undefined : createPgBudgetStore(database.db),
    onSoftLimitCrossed: (event) =>
      withOrgContext(database.db, event.orgId, (tx) =>
        recordAudit(tx, {
          orgId: event.orgId,
          actor: { kind: 'system' },
          action: 'budget.soft_limit_crossed',
          targetType: 'budget',
          metadata: { ...event },
        }),
      ),
    getOrgConfig: (orgId) => loadOrgAiConfig(database.db, orgId),
    getLimits: ({ orgId, userId }) => loadBudgetLimits(database.db, orgId, userId ?? null),
    onInternalError: (err, where) => logger.error({ err, where }, 'ai pipeline internal error'),
  });
  return {
    env,
    database,
    queue: deps.queue,
    logger,
    deps,
    version: env.APP_VERSION,
    startInProcessWorker: startWorker,
    close: async () => {
      await deps.queue.close();
      await database.close();
    },
  };
}

export function getRuntime(): Promise<Runtime> {
  const g = globalThis as GlobalWithRuntime;
  g[KEY] ??= createRuntime().catch((error) => {
    delete g[KEY];
    throw error;
  });
  return g[KEY];
}

/** Test hook: install a runtime built by the test (real database, real queue). */
export function setRuntimeForTests(runtime: Runtime | null): void {
  const g = globalThis as GlobalWithRuntime;
  if (runtime) g[KEY] = Promise.resolve(runtime);
  else delete g[KEY];
}

const BOOTED = Symbol.for('consailt.runtime.booted');

/**
 * Prepare the process: migrate and seed in the embedded mode (or when asked), start the in-process
 * runner in the web process when there is no Redis, and close cleanly on SIGTERM/SIGINT.
 */
export async function bootRuntime(opts: { role: 'web' | 'worker' | 'cli' }): Promise<Runtime> {
  const runtime = await getRuntime();
  const g = globalThis as typeof globalThis & { [BOOTED]?: boolean };
  if (g[BOOTED]) return runtime;
  g[BOOTED] = true;
  const embedded = runtime.database.kind === 'pglite';
  if (embedded || runtime.env.MIGRATE_ON_BOOT) {
    await runtime.database.migrate();
    runtime.logger.info({ db: runtime.database.kind }, 'migrations applied');
  }
  if (embedded || runtime.env.SEED_DEMO_DATA) {
    const seed = await seedDemoData(runtime.database.db);
    runtime.logger.info({ created: seed.created }, 'demo data ready');
    // Seeded entries are not indexed yet: the reindex job queues indexing for whatever is stale.
    await runtime.deps.queue.enqueue('reindex', { orgId: seed.orgId });
  }
  // Tables filled while no job ran (a restored dump, a bulk load, an older build) get their planner
  // statistics now; jobs refresh them as the tables grow (queue/processors).
  scheduleAnalyze(
    runtime.database.db,
    (err) => runtime.logger.warn({ err }, 'could not refresh planner statistics'),
    { onAnalyzed: (tables) => runtime.logger.info({ tables }, 'planner statistics refreshed') },
  );
  if (opts.role === 'web' && runtime.queue.kind === 'in-process') {
    runtime.startInProcessWorker();
    // In-process schedules live in memory: re-create each active feed's poll schedule at boot.
    await syncFeedSchedules(runtime.deps).catch((err: unknown) =>
      runtime.logger.error({ err }, 'could not restore feed schedules'),
    );
  }
  if (opts.role === 'web') {
    const shutdown = async (signal: string) => {
      runtime.logger.info({ signal }, 'shutting down');
      await runtime.close().catch(() => {});
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  }
  return runtime;
}

export type Health = {
  status: 'ok' | 'degraded';
  db: string;
  queue: string;
  version: string;
  mode: { database: string; queue: string };
  queues?: Record<QueueName, QueueCounts>;
};

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<T>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness of each dependency; a failing one is named so the 503 says what is wrong. */
export async function checkHealth(runtime?: Runtime): Promise<Health> {
  let rt: Runtime;
  try {
    rt = runtime ?? (await getRuntime());
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      status: 'degraded',
      db: `error: ${message}`,
      queue: 'unknown',
      version: 'unknown',
      mode: { database: 'unknown', queue: 'unknown' },
    };
  }
  const [db, queue] = await Promise.all([
    withTimeout(rt.database.ping(), 2000, 'database ping').then(
      () => 'ok',
      (e: Error) => `error: ${e.message}`,
    ),
    withTimeout(rt.queue.ping(), 2000, 'queue ping').then(
      () => 'ok',
      (e: Error) => `error: ${e.message}`,
    ),
  ]);
  const queues =
    queue === 'ok'
      ? await withTimeout(rt.queue.counts(), 2000, 'queue counts').catch(() => undefined)
      : undefined;
  return {
    status: db === 'ok' && queue === 'ok' ? 'ok' : 'degraded',
    db,
    queue,
    version: rt.version,
    mode: { database: rt.database.kind, queue: rt.queue.kind },
    ...(queues ? { queues } : {}),
  };
}
