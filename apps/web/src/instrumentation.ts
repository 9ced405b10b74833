import * as Sentry from '@sentry/nextjs';

export async function register() {
  // Set by Next.js per runtime (and inlined per bundle), not configuration: the edge bundle skips the rest.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;

  // Dynamic imports keep the database, queue and logger out of any edge bundle of this file.
  const { bootRuntime, getApiEnv } = await import('@consailt/api/runtime');
  try {
    await bootRuntime({ role: 'web' });
  } catch (error) {
    // Next.js logs a failed instrumentation hook and keeps serving, every request then a 500. A
    // server that cannot boot (invalid configuration, unreachable database) stops instead, with
    // the reason on one line, so a deployment's health check and process manager see it.
    console.error(`[consailt] cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }

  // Server settings come from the api package's validated env, parsed once at boot.
  const env = getApiEnv();
  if (env.SENTRY_DSN) {
    const { initServerSentry } = await import('./sentry.server');
    initServerSentry({ dsn: env.SENTRY_DSN, environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV });
  }
}

// A no-op until Sentry.init has run, so it is safe to export unconditionally.
export const onRequestError = Sentry.captureRequestError;
