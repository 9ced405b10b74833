import { scrubEvent, setErrorReporter } from '@consailt/api/observability';
import * as Sentry from '@sentry/nextjs';
import { sentryDataCollection } from './lib/sentry-options';

/**
 * Server-side Sentry: errors only (no tracing), no personal data collection (see sentry-options), and
 * every event passes through the api package's scrubber. Afterwards the api's error reporter forwards
 * handled errors to Sentry too.
 */
export function initServerSentry({ dsn, environment }: { dsn: string; environment: string }): void {
  Sentry.init({
    dsn,
    environment,
    tracesSampleRate: 0,
    dataCollection: sentryDataCollection,
    beforeSend: scrubEvent,
  });
  setErrorReporter((err, ctx) => {
    Sentry.captureException(err, { extra: ctx });
  });
}
