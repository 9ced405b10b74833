import {
  BudgetExceededError as AiBudgetExceededError,
  AiError,
  NoModelAvailableError,
  ProviderError,
} from '@consailt/ai';
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/** Base of every error a service may throw on purpose; anything else is a 500. */
export abstract class DomainError extends Error {
  abstract readonly code: TRPC_ERROR_CODE_KEY;
  readonly details?: Record<string, unknown>;
  constructor(message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class ValidationError extends DomainError {
  readonly code = 'BAD_REQUEST' as const;
}
export class UnauthorizedError extends DomainError {
  readonly code = 'UNAUTHORIZED' as const;
}
export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN' as const;
}
/** A missing scope: the message names it so the caller knows what to ask for. */
export class MissingScopeError extends ForbiddenError {
  constructor(readonly scope: string) {
    super(`Missing permission: ${scope}`, { scope });
  }
}
export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND' as const;
  constructor(resource: string, id?: string) {
    super(id ? `${resource} ${id} not found` : `${resource} not found`, { resource });
  }
}
export class ConflictError extends DomainError {
  readonly code = 'CONFLICT' as const;
}
export class BudgetExceededError extends DomainError {
  readonly code = 'PAYMENT_REQUIRED' as const;
}
export class RateLimitedError extends DomainError {
  readonly code = 'TOO_MANY_REQUESTS' as const;
  constructor(readonly retryAfterSeconds: number) {
    super(`Rate limit exceeded, retry after ${retryAfterSeconds}s`, { retryAfterSeconds });
  }
}
export class PayloadTooLargeError extends DomainError {
  readonly code = 'PAYLOAD_TOO_LARGE' as const;
}
/** The caller went away (closed the request) before the work started: nobody is waiting for it. */
export class RequestCancelledError extends DomainError {
  readonly code = 'CLIENT_CLOSED_REQUEST' as const;
}

/** Throws `RequestCancelledError` once `signal` has aborted: call it before each piece of work. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RequestCancelledError('The request was cancelled by the client');
}

function aiErrorCode(error: AiError): TRPC_ERROR_CODE_KEY {
  if (error instanceof AiBudgetExceededError) return 'PAYMENT_REQUIRED';
  if (error instanceof NoModelAvailableError) return 'SERVICE_UNAVAILABLE';
  if (error instanceof ProviderError) {
    switch (error.code) {
      case 'THROTTLED':
        return 'TOO_MANY_REQUESTS';
      case 'VALIDATION':
        return 'BAD_REQUEST';
      case 'CANCELLED':
        return 'CLIENT_CLOSED_REQUEST';
      case 'TIMEOUT':
        return 'GATEWAY_TIMEOUT';
      default:
        return 'BAD_GATEWAY';
    }
  }
  return 'INTERNAL_SERVER_ERROR';
}

/** The machine-readable code clients see in `error.data.domainCode` (e.g. BUDGET_EXCEEDED). */
export function domainCodeOf(error: unknown): string | undefined {
  if (error instanceof AiError) return error.code;
  if (error instanceof DomainError)
    return error.name
      .replace(/Error$/, '')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .toUpperCase();
  return undefined;
}

/** The one mapping from domain errors to tRPC errors (and so to HTTP statuses). */
export function toTRPCError(error: unknown): TRPCError | null {
  if (error instanceof TRPCError) {
    return error.cause instanceof DomainError || error.cause instanceof AiError
      ? toTRPCError(error.cause)
      : error;
  }
  if (error instanceof DomainError) {
    return new TRPCError({ code: error.code, message: error.message, cause: error });
  }
  if (error instanceof AiError) {
    return new TRPCError({ code: aiErrorCode(error), message: error.message, cause: error });
  }
  const clerk = clerkApiError(error);
  if (clerk) return new TRPCError({ code: clerk.code, message: clerk.message, cause: error });
  return null;
}

/** Clerk's Backend API errors (`clerkError: true`, HTTP status, `errors[]`): 4xx are the caller's to fix. */
function clerkApiError(error: unknown): { code: TRPC_ERROR_CODE_KEY; message: string } | null {
  if (!error || typeof error !== 'object' || !('clerkError' in error)) return null;
  const e = error as { status?: number; errors?: { longMessage?: string; message?: string }[] };
  const detail = e.errors?.[0]?.longMessage ?? e.errors?.[0]?.message ?? 'request rejected';
  const status = e.status ?? 502;
  if (status === 404) return { code: 'NOT_FOUND', message: `Clerk: ${detail}` };
  if (status === 409) return { code: 'CONFLICT', message: `Clerk: ${detail}` };
  if (status >= 400 && status < 500 && status !== 401 && status !== 429)
    return { code: 'BAD_REQUEST', message: `Clerk: ${detail}` };
  return { code: 'BAD_GATEWAY', message: 'Clerk is unavailable; nothing was changed' };
}
