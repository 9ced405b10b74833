import * as Sentry from '@sentry/nextjs';

export async function register() {
  // Set by Next.js per runtime (and inlined per bundle), not configuration: the edge bundle skips the rest.
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;

  // Dynamic imports keep the database, queue and logger out of any edge bundle of this file.
  const { bootRuntime, getApiEnv } = await import('@consailt/api/runtime');
  await bootRuntime({ role: 'web' });

  // Server settings come from the api package's validated env, parsed once at boot.
  const env = getApiEnv();
  if (env.SENTRY_DSN) {
    const { initServerSentry } = await import('./sentry.server');
    initServerSentry({ dsn: env.SENTRY_DSN, environment: env.SENTRY_ENVIRONMENT ?? env.NODE_ENV });
  }
}

// A no-op until Sentry.init has run, so it is safe to export unconditionally.
export const onRequestError = Sentry.captureRequestError;
