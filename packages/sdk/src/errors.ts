/** Every error the SDK's helpers throw: the server's code and HTTP status, and its message. */
export class ConsailtError extends Error {
  /** tRPC error code (NOT_FOUND, FORBIDDEN, …) or TIMEOUT, ABORTED, NETWORK_ERROR. */
  readonly code: string;
  /** HTTP status; 0 when no response arrived. */
  readonly status: number;
  readonly requestId: string | undefined;
  /** Finer reason from the server, e.g. BUDGET_EXCEEDED, MISSING_SCOPE. */
  readonly domainCode: string | undefined;
  readonly issues: { path: string; message: string }[] | undefined;

  constructor(
    message: string,
    opts: {
      code: string;
      status: number;
      requestId?: string;
      domainCode?: string;
      issues?: { path: string; message: string }[];
      cause?: unknown;
    },
  ) {
    super(message, { cause: opts.cause });
    this.name = new.target.name;
    this.code = opts.code;
    this.status = opts.status;
    this.requestId = opts.requestId;
    this.domainCode = opts.domainCode;
    this.issues = opts.issues;
  }

  /** Turns whatever a call threw (a tRPC client error, a fetch failure) into a typed error. */
  static from(error: unknown): ConsailtError {
    if (error instanceof ConsailtError) return error;
    const cause = (error as { cause?: unknown } | null)?.cause;
    if (cause instanceof ConsailtError) return cause;
    const data = (error as { data?: ServerErrorData } | null)?.data;
    const message = error instanceof Error ? error.message : String(error);
    if (data?.code) return fromServer(message, data, error);
    if (isAbort(error) || isAbort(cause)) return new AbortedError(error);
    return new NetworkError(message, error);
  }
}

type ServerErrorData = {
  code?: string;
  httpStatus?: number;
  requestId?: string;
  domainCode?: string;
  retryAfterSeconds?: number;
  issues?: { path: string; message: string }[];
};

/** 400: the input was refused; `issues` names each field. */
export class ValidationError extends ConsailtError {}
/** 401: no key, or an unknown, revoked or expired key. */
export class AuthenticationError extends ConsailtError {}
/** 403: the key lacks the scope named in the message. */
export class PermissionError extends ConsailtError {}
/** 404: missing, deleted, private to someone else, or another organization's. */
export class NotFoundError extends ConsailtError {}
/** 409: a uniqueness or version conflict. */
export class ConflictError extends ConsailtError {}
/** 402: the organization's (or user's) AI budget is spent. */
export class BudgetExceededError extends ConsailtError {}
/** 429 after the SDK's retries: wait `retryAfterSeconds`. */
export class RateLimitedError extends ConsailtError {
  readonly retryAfterSeconds: number;
  constructor(
    message: string,
    opts: ConstructorParameters<typeof ConsailtError>[1] & { retryAfterSeconds: number },
  ) {
    super(message, opts);
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }
}
/** No answer within `timeoutMs`. */
export class TimeoutError extends ConsailtError {
  constructor(timeoutMs: number) {
    super(`Request timed out after ${timeoutMs} ms`, { code: 'TIMEOUT', status: 0 });
  }
}
/** The caller's AbortSignal fired. */
export class AbortedError extends ConsailtError {
  constructor(cause?: unknown) {
    super('Request aborted', { code: 'ABORTED', status: 0, cause });
  }
}
/** The server could not be reached. */
export class NetworkError extends ConsailtError {
  constructor(message: string, cause?: unknown) {
    super(message, { code: 'NETWORK_ERROR', status: 0, cause });
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'AbortedError');
}

function fromServer(message: string, data: ServerErrorData, cause: unknown): ConsailtError {
  const opts = {
    code: data.code ?? 'INTERNAL_SERVER_ERROR',
    status: data.httpStatus ?? 500,
    requestId: data.requestId,
    domainCode: data.domainCode,
    issues: data.issues,
    cause,
  };
  switch (data.code) {
    case 'BAD_REQUEST':
      return new ValidationError(message, opts);
    case 'UNAUTHORIZED':
      return new AuthenticationError(message, opts);
    case 'FORBIDDEN':
      return new PermissionError(message, opts);
    case 'NOT_FOUND':
      return new NotFoundError(message, opts);
    case 'CONFLICT':
      return new ConflictError(message, opts);
    case 'PAYMENT_REQUIRED':
      return new BudgetExceededError(message, opts);
    case 'TOO_MANY_REQUESTS':
      return new RateLimitedError(message, { ...opts, retryAfterSeconds: data.retryAfterSeconds ?? 1 });
    default:
      return new ConsailtError(message, opts);
  }
}
