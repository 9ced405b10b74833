/**
 * Error codes the pipeline distinguishes. Provider failures are classified once (here) so the
 * retry loop, fallback, circuit breaker and metering all agree on what happened.
 */
export type ProviderErrorCode =
  | 'THROTTLED'
  | 'UNAVAILABLE'
  | 'TIMEOUT'
  | 'MODEL_NOT_READY'
  | 'MODEL_ERROR'
  | 'MALFORMED_RESPONSE'
  | 'ACCESS_DENIED'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'CANCELLED'
  | 'UNKNOWN';

/** Base class of everything packages/ai throws on purpose; `code` is stable for mapping. */
export class AiError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AiError';
    this.code = code;
  }
}

export type BudgetLimitKind = 'org_hard' | 'user_hard';

/** A call refused because it would exceed a hard monthly limit. */
export class BudgetExceededError extends AiError {
  readonly limit: BudgetLimitKind;
  readonly limitMicroUsd: number;
  /** Settled spend in the period when the call was refused (reservations in flight excluded). */
  readonly spentMicroUsd: number;
  readonly period: string;
  constructor(args: {
    limit: BudgetLimitKind;
    limitMicroUsd: number;
    spentMicroUsd: number;
    period: string;
  }) {
    const who = args.limit === 'org_hard' ? 'Organization' : 'User';
    super(
      'BUDGET_EXCEEDED',
      `${who} monthly AI budget reached: spent $${formatUsd(args.spentMicroUsd)} of $${formatUsd(args.limitMicroUsd)} in ${args.period}`,
    );
    this.name = 'BudgetExceededError';
    this.limit = args.limit;
    this.limitMicroUsd = args.limitMicroUsd;
    this.spentMicroUsd = args.spentMicroUsd;
    this.period = args.period;
  }
}

/** Dollars with cents, and with up to six decimals when the amount is below a cent. */
export function formatUsd(micro: number): string {
  const usd = micro / 1_000_000;
  if (usd === 0 || Math.abs(usd) >= 0.01) return usd.toFixed(2);
  return usd.toFixed(6).replace(/0+$/, '');
}

/** A classified provider failure. `retryable`: same model again; `fallback`: next model. */
export class ProviderError extends AiError {
  override readonly code: ProviderErrorCode;
  readonly status: number | null;
  readonly modelId: string | null;
  constructor(
    code: ProviderErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number | null; modelId?: string | null },
  ) {
    super(code, message, options);
    this.name = 'ProviderError';
    this.code = code;
    this.status = options?.status ?? null;
    this.modelId = options?.modelId ?? null;
  }

  get retryable(): boolean {
    return this.code === 'THROTTLED' || this.code === 'UNAVAILABLE';
  }

  get fallback(): boolean {
    return FALLBACK_CODES.has(this.code);
  }

  /** Failures that say something about the model's health (and so feed the circuit breaker). */
  get countsAgainstModel(): boolean {
    return MODEL_HEALTH_CODES.has(this.code);
  }
}

/** Failures another model may not have: try the next candidate. */
const FALLBACK_CODES: ReadonlySet<ProviderErrorCode> = new Set<ProviderErrorCode>([
  'THROTTLED',
  'UNAVAILABLE',
  'TIMEOUT',
  'MODEL_NOT_READY',
  'MODEL_ERROR',
  'MALFORMED_RESPONSE',
  // A model not enabled in this account/region is unavailable to us; another may be.
  'ACCESS_DENIED',
  'NOT_FOUND',
]);

/** Failures that count towards opening a model's circuit (not the caller's or config faults). */
const MODEL_HEALTH_CODES: ReadonlySet<ProviderErrorCode> = new Set<ProviderErrorCode>([
  'THROTTLED',
  'UNAVAILABLE',
  'TIMEOUT',
  'MODEL_NOT_READY',
  'MODEL_ERROR',
  'MALFORMED_RESPONSE',
]);

/** No candidate model could serve the request (all skipped, open circuits, or all failed). */
export class NoModelAvailableError extends AiError {
  readonly skipped: { modelId: string; reason: string }[];
  constructor(
    message: string,
    skipped: { modelId: string; reason: string }[],
    options?: { cause?: unknown },
  ) {
    super('NO_MODEL_AVAILABLE', message, options);
    this.name = 'NoModelAvailableError';
    this.skipped = skipped;
  }
}

export function isAbortError(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  return err.name === 'AbortError' || (err instanceof ProviderError && err.code === 'CANCELLED');
}

type SdkLikeError = Error & { $metadata?: { httpStatusCode?: number }; $fault?: string; code?: string };

/**
 * Maps an AWS SDK (or network) error to a `ProviderError`. Names are the Bedrock Runtime exception
 * shapes; the HTTP status is the fallback for shapes we do not know.
 */
export function classifyBedrockError(err: unknown, modelId: string | null): ProviderError {
  if (err instanceof ProviderError) return err;
  if (!(err instanceof Error)) return new ProviderError('UNKNOWN', String(err), { modelId });
  const e = err as SdkLikeError;
  const status = e.$metadata?.httpStatusCode ?? null;
  const opts = { cause: err, status, modelId };
  const msg = e.message || e.name;
  switch (e.name) {
    case 'AbortError':
      return new ProviderError('CANCELLED', 'Request aborted', opts);
    case 'ThrottlingException':
    case 'ServiceQuotaExceededException':
      return new ProviderError('THROTTLED', msg, opts);
    case 'ServiceUnavailableException':
    case 'InternalServerException':
      return new ProviderError('UNAVAILABLE', msg, opts);
    case 'ModelTimeoutException':
    case 'TimeoutError':
    case 'RequestTimeout':
      return new ProviderError('TIMEOUT', msg, opts);
    case 'ModelNotReadyException':
      return new ProviderError('MODEL_NOT_READY', msg, opts);
    case 'ModelErrorException':
    case 'ModelStreamErrorException':
      return new ProviderError('MODEL_ERROR', msg, opts);
    case 'AccessDeniedException':
      return new ProviderError('ACCESS_DENIED', msg, opts);
    case 'ResourceNotFoundException':
      return new ProviderError('NOT_FOUND', msg, opts);
    case 'ValidationException':
      return new ProviderError('VALIDATION', msg, opts);
    case 'SyntaxError':
      return new ProviderError('MALFORMED_RESPONSE', `Malformed response: ${msg}`, opts);
  }
  if (status === 429) return new ProviderError('THROTTLED', msg, opts);
  if (status === 408) return new ProviderError('TIMEOUT', msg, opts);
  if (status !== null && status >= 500) return new ProviderError('UNAVAILABLE', msg, opts);
  // Connection-level failures (reset, refused, socket hang up) look like an unavailable service.
  if (e.code && /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|ERR_HTTP2_.*)$/.test(e.code)) {
    return new ProviderError('UNAVAILABLE', msg, opts);
  }
  if (/deserializ|unexpected token|json/i.test(msg) && status !== null && status < 300) {
    return new ProviderError('MALFORMED_RESPONSE', `Malformed response: ${msg}`, opts);
  }
  if (status !== null && status >= 400) return new ProviderError('VALIDATION', msg, opts);
  return new ProviderError('UNKNOWN', msg, opts);
}
