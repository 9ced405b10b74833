import type { init } from '@sentry/nextjs';

type DataCollection = NonNullable<Parameters<typeof init>[0]['dataCollection']>;

/**
 * Sentry 11 replaced `sendDefaultPii` with per-category `dataCollection`, whose defaults collect
 * almost everything. Turn off every category that can carry personal or client data; `scrubEvent`
 * remains the second line of defence for what is left (messages, stack traces).
 */
export const sentryDataCollection: DataCollection = {
  userInfo: false,
  cookies: false,
  httpHeaders: { allow: ['user-agent', 'content-type', 'accept'] },
  httpBodies: [],
  urlQueryParams: false,
  databaseQueryData: false,
  queues: false,
  genAI: { inputs: false, outputs: false },
  stackFrameVariables: false,
};
