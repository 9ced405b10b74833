import { scrubEvent, sentryDataCollection, setErrorReporter } from '@consailt/api/observability';
import * as Sentry from '@sentry/node';

/** Error tracking for the worker: on only when SENTRY_DSN is set, with PII scrubbed. */
export function initSentry(opts: { dsn: string | undefined; environment: string; release: string }): boolean {
  if (!opts.dsn) return false;
  Sentry.init({
    dsn: opts.dsn,
    environment: opts.environment,
    release: opts.release,
    dataCollection: sentryDataCollection(),
    tracesSampleRate: 0,
    defaultIntegrations: false,
    integrations: [Sentry.linkedErrorsIntegration(), Sentry.contextLinesIntegration()],
    beforeSend: (event) => scrubEvent(event),
  });
  setErrorReporter((error, context) => {
    Sentry.captureException(error, { extra: context });
  });
  return true;
}

export function flushSentry(): Promise<boolean> {
  return Sentry.flush(2000);
}
