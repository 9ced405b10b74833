import { publicEnv } from './lib/public-env';
import { sentryDataCollection } from './lib/sentry-options';

// Inlined at build time; when unset, this branch (and the Sentry browser SDK chunk) is never loaded.
const dsn = publicEnv.sentryDsn;

if (dsn) {
  void Promise.all([import('@sentry/nextjs'), import('@consailt/api/observability')]).then(
    ([Sentry, { scrubEvent }]) => {
      Sentry.init({
        dsn,
        environment: publicEnv.sentryEnvironment,
        tracesSampleRate: 0,
        dataCollection: sentryDataCollection,
        beforeSend: scrubEvent,
      });
    },
  );
}
