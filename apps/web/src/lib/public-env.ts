/**
 * The web app's env module for code that also runs in the browser. Next.js inlines
 * `process.env.NEXT_PUBLIC_*` and `NODE_ENV` at build time only when they are written out
 * literally, so they are read here, once, and nowhere else. Server-only settings come from the api
 * package's validated env (`getApiEnv`).
 */
const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

export const publicEnv = {
  sentryDsn: nonEmpty(process.env.NEXT_PUBLIC_SENTRY_DSN),
  sentryEnvironment: nonEmpty(process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT) ?? process.env.NODE_ENV,
  isDevelopment: process.env.NODE_ENV === 'development',
  /**
   * As the build saw it, for the Content Security Policy only (next.config.ts): the app itself reads
   * the Clerk keys at request time through `@consailt/api/clerk-env`.
   */
  buildClerkPublishableKey: nonEmpty(process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY),
} as const;

/** Where the server itself listens: only used if a client component queries during SSR. */
export function localServerUrl(): string {
  return `http://localhost:${nonEmpty(process.env.PORT) ?? '3000'}`;
}
