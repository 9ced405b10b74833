export { scrubEvent, scrubString, sentryDataCollection } from './scrub';

type Reporter = (error: unknown, context?: Record<string, unknown>) => void;
let reporter: Reporter | null = null;

/** Apps install their error tracker here (Sentry in web and worker); off when unset. */
export function setErrorReporter(fn: Reporter | null): void {
  reporter = fn;
}

/** Report an unexpected error; never throws, whatever the reporter does. */
export function reportError(error: unknown, context?: Record<string, unknown>): void {
  try {
    reporter?.(error, context);
  } catch {
    // An error tracker failing must not turn a handled 500 into a crash.
  }
}
