import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { ZodError, z } from 'zod';
import { domainCodeOf, RateLimitedError, toTRPCError } from '../errors';

/** The one error body of the REST API (and the `error` of a failed MCP tool call, as text). */
export const ZRestError = z.object({
  error: z.object({
    code: z.string().meta({ description: 'tRPC error code, e.g. NOT_FOUND, TOO_MANY_REQUESTS' }),
    status: z.number().int().meta({ description: 'The HTTP status, repeated' }),
    message: z.string(),
    requestId: z.string().optional(),
    domainCode: z.string().optional().meta({ description: 'Finer reason, e.g. BUDGET_EXCEEDED' }),
    retryAfterSeconds: z.number().int().optional(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type RestError = z.infer<typeof ZRestError>;
type Issue = { path: string; message: string };

function describeIssues(issues: Issue[]): string {
  return `Invalid input: ${issues
    .slice(0, 5)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
    .join('; ')}`;
}

/** An error thrown by a procedure called in-process (REST ask, MCP tools) as the REST error body. */
export function restErrorFromUnknown(error: unknown, requestId: string): RestError {
  const trpc =
    toTRPCError(error) ??
    (error instanceof TRPCError ? error : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: error }));
  const status = getHTTPStatusCodeFromError(trpc);
  const zod = trpc.cause instanceof ZodError ? trpc.cause : null;
  const issues = zod?.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  let message = issues ? describeIssues(issues) : trpc.message;
  // 5xx messages never leak internals; the detail is in the logs.
  if (status >= 500) message = `Internal error (request ${requestId})`;
  return {
    error: {
      code: trpc.code,
      status,
      message,
      requestId,
      domainCode: domainCodeOf(trpc.cause),
      retryAfterSeconds: trpc.cause instanceof RateLimitedError ? trpc.cause.retryAfterSeconds : undefined,
      issues,
    },
  };
}

type LibraryErrorBody = {
  message?: string;
  code?: string;
  data?: { requestId?: string; domainCode?: string; retryAfterSeconds?: number; issues?: Issue[] };
  issues?: { path?: (string | number)[]; message: string }[];
};

/** trpc-to-openapi's error body (tRPC's shape plus `code`/`issues`) reshaped into `RestError`. */
export function restErrorFromLibraryBody(status: number, raw: unknown): RestError {
  const body = (raw && typeof raw === 'object' ? raw : {}) as LibraryErrorBody;
  const issues =
    body.data?.issues ?? body.issues?.map((i) => ({ path: (i.path ?? []).join('.'), message: i.message }));
  const message =
    body.message === 'Input validation failed' && issues?.length
      ? describeIssues(issues)
      : (body.message ?? 'Request failed');
  return {
    error: {
      code: body.code ?? 'INTERNAL_SERVER_ERROR',
      status,
      message,
      requestId: body.data?.requestId,
      domainCode: body.data?.domainCode,
      retryAfterSeconds: body.data?.retryAfterSeconds,
      issues,
    },
  };
}

export function errorResponse(body: RestError, headers?: Headers): Response {
  const h = new Headers(headers);
  h.set('content-type', 'application/json');
  return new Response(JSON.stringify(body), { status: body.error.status, headers: h });
}
