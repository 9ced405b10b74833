import { existsSync } from 'node:fs';
import path from 'node:path';
import { createProcessors, startBullWorkers } from '@consailt/api/queue';
import { bootRuntime, getApiEnv, queueConcurrency } from '@consailt/api/runtime';
import { findRepoRoot } from '@consailt/db';
import { flushSentry, initSentry } from './sentry';

/**
 * The BullMQ worker process: one Worker per queue with its concurrency from env. SIGTERM stops
 * taking jobs, lets in-flight ones finish (or releases them to the stalled-job check after the
 * grace period), closes connections and exits 0.
 */
async function main() {
  const dotenv = path.join(findRepoRoot(), '.env');
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
  const env = getApiEnv();
  if (!env.REDIS_URL) {
    console.error(
      'The worker needs REDIS_URL. Without Redis (embedded mode) jobs run inside the web process started by `npm start`.',
    );
    process.exit(1);
  }
  initSentry({
    dsn: env.SENTRY_DSN,
    environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV,
    release: env.APP_VERSION,
  });
  const runtime = await bootRuntime({ role: 'worker' });
  const pool = startBullWorkers({
    redisUrl: env.REDIS_URL,
    attempts: env.QUEUE_ATTEMPTS,
    backoffMs: env.QUEUE_BACKOFF_MS,
    prefix: env.QUEUE_PREFIX,
    lockDurationMs: env.QUEUE_LOCK_DURATION_MS,
    stalledIntervalMs: env.QUEUE_STALLED_INTERVAL_MS,
    logger: runtime.logger,
    processors: createProcessors(runtime.deps),
    concurrency: (q) => queueConcurrency(env, q),
  });
  runtime.logger.info(
    { queues: pool.workers.map((w) => `${w.name}×${w.opts.concurrency}`) },
    'worker started',
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info({ signal }, 'draining worker');
    await pool.close(env.WORKER_SHUTDOWN_GRACE_MS);
    await runtime.close();
    await flushSentry();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
