/**
 * A failed question as a title and the server's own message. tRPC errors carry the procedure's
 * code in `data.code`; messages are written for people (the budget error names the limit and the
 * spend), so they are shown as they are. Anything else is a network failure.
 */
export type AskErrorView = { title: string; message: string };

export function describeAskError(error: unknown): AskErrorView {
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  const message = error instanceof Error && error.message ? error.message : 'Something went wrong.';
  switch (code) {
    case 'PAYMENT_REQUIRED':
      return { title: 'AI budget reached', message };
    case 'TOO_MANY_REQUESTS':
      return { title: 'Too many requests', message: `${message} Try again in a moment.` };
    case 'BAD_REQUEST':
      return { title: 'The question was not accepted', message };
    case 'FORBIDDEN':
      return { title: 'Not allowed', message };
    case 'NOT_FOUND':
      return { title: 'Conversation not found', message };
    case 'SERVICE_UNAVAILABLE':
    case 'BAD_GATEWAY':
    case 'GATEWAY_TIMEOUT':
    case 'TIMEOUT':
      return { title: 'The AI service is unavailable', message };
    case 'INTERNAL_SERVER_ERROR':
      return { title: 'The answer failed', message };
    default:
      if (typeof code === 'string') return { title: 'The answer failed', message };
      // No tRPC code: the request never got an answer (offline, server restarted, stream cut).
      return {
        title: 'Connection lost',
        message: 'The answer stopped because the connection to the server was lost. Try again.',
      };
  }
}
