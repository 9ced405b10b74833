'use client';

import { publicEnv } from './public-env';

/**
 * Reports an error caught by a React error boundary. Boundaries swallow errors before they reach
 * window.onerror, so without this Sentry would never see them. Loads the SDK only when it is configured.
 */
export function reportClientError(error: unknown): void {
  if (!publicEnv.sentryDsn) return;
  void import('@sentry/nextjs').then((Sentry) => {
    Sentry.captureException(error);
  });
}
