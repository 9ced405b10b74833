import { type CircuitBreaker, createCircuitBreaker } from './breaker';
import {
  type BudgetLimits,
  type BudgetStore,
  budgetPeriod,
  createMemoryBudgetStore,
  NO_LIMITS,
} from './budget';
import {
  type Catalog,
  type CatalogModel,
  costMicroUsd,
  createCatalog,
  effectivePrice,
  type ModelOverride,
} from './catalog';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy, sleep } from './concurrency';
import { AiError, BudgetExceededError, NoModelAvailableError, ProviderError } from './errors';
import { assertRoutable, createRouter, type Route, type RouteCandidate, type Router } from './router';
import { createSanitizer, type SanitizeOptions, type Sanitizer } from './sanitizer';
import { type AiTask, DEFAULT_ROUTES, LOCAL_ROUTES, type RouteOverrides, type TextTask } from './tasks';
import { estimatePromptTokens, estimateTokens } from './tokens';
import { type AiTracer, NOOP_SPAN, type TraceSpan } from './tracing';
import {
  type AiInteractionRecord,
  type AiProvider,
  type ChatMessage,
  type EmbeddingKind,
  type InteractionSink,
  type InteractionStatus,
  type ProviderName,
  type ProviderStreamEvent,
  type StopReason,
  type TokenUsage,
  ZERO_USAGE,
} from './types';

/** An organization's AI settings, as the api package loads them. */
export type OrgAiConfig = {
  /** Task → ordered model list, replacing the default for that task. */
  routes?: RouteOverrides;
  /** Price overrides and added models. */
  models?: readonly ModelOverride[];
  /** Sanitization switch (owner-only setting); default on. */
  sanitize?: boolean;
  /** Engagement client names and custom sensitive terms to redact. */
  clientNames?: readonly string[];
  sensitiveTerms?: readonly string[];
  /** Whether prompts and completions (sanitized) may be sent to the tracer. Default false. */
  traceContent?: boolean;
};

export type CallActor = {
  orgId: string;
  userId?: string | null;
  apiKeyId?: string | null;
};

export type CallCommon = CallActor & {
  /** Only this model is tried (no fallback). */
  pinModel?: string;
  signal?: AbortSignal;
  /** Per-call budget limits; otherwise `getLimits` from the service options; otherwise none. */
  limits?: BudgetLimits;
  /** Per-call org settings; otherwise `getOrgConfig` from the service options. */
  org?: OrgAiConfig;
  /** Per-call sanitization: `enabled` wins over the org switch; terms add to the org's. */
  sanitize?: SanitizeOptions;
};

export type RunInput = CallCommon & {
  task: TextTask;
  system?: string;
  messages: ChatMessage[];
  /** Output cap; clamped per model. Default 1024. */
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
};

export type RunResult = {
  text: string;
  task: AiTask;
  modelId: string;
  provider: string;
  stopReason: StopReason | null;
  usage: TokenUsage;
  usageEstimated: boolean;
  costMicroUsd: number;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  /** Every model tried, in order; the last one produced the result. */
  fallbackChain: string[];
  status: InteractionStatus;
  /** True when the text is partial (stream failed or was cancelled after the first token). */
  incomplete: boolean;
  error: { code: string; message: string } | null;
  traceId: string | null;
};

export type StreamEvent = { type: 'text'; text: string } | { type: 'result'; result: RunResult };

export type EmbedInput = CallCommon & {
  texts: string[];
  kind: EmbeddingKind;
};

export type EmbedResult = {
  vectors: Float32Array[];
  modelId: string;
  dimensions: number;
  inputTokens: number;
  usageEstimated: boolean;
  costMicroUsd: number;
  latencyMs: number;
  fallbackChain: string[];
  traceId: string | null;
};

export type SoftLimitEvent = { orgId: string; userId: string | null; period: string; limitMicroUsd: number };

export type AiServiceOptions = {
  /** Backends by name; a model is only routed to when its provider is configured. */
  providers: Partial<Record<ProviderName, AiProvider>>;
  catalog?: Catalog;
  /** Default matrix; default DEFAULT_ROUTES with Bedrock, LOCAL_ROUTES without. */
  routes?: Record<AiTask, readonly string[]>;
  /** AWS region, to prefix profile-only models with the geographic inference profile. */
  region?: string | null;
  budgetStore?: BudgetStore;
  sink: InteractionSink;
  breaker?: CircuitBreaker;
  tracer?: AiTracer | null;
  retry?: Partial<RetryPolicy>;
  /**
   * Per-attempt deadline of a non-streamed call (default 120 s), the wait for a stream's first
   * token (30 s; fallback applies), and the longest gap between later stream events (60 s).
   */
  timeouts?: { requestMs?: number; firstTokenMs?: number; streamIdleMs?: number };
  getOrgConfig?: (orgId: string) => Promise<OrgAiConfig>;
  getLimits?: (actor: { orgId: string; userId: string | null }) => Promise<BudgetLimits>;
  /** Called once per org and period when settled spend reaches the soft limit. */
  onSoftLimitCrossed?: (event: SoftLimitEvent) => void | Promise<void>;
  /** Failures of the sink, budget settlement or tracer (the call itself already succeeded). */
  onInternalError?: (err: unknown, where: string) => void;
  now?: () => number;
  random?: () => number;
};

export type RoutingView = {
  task: AiTask;
  models: { id: string; known: boolean; name: string | null; overridden: boolean }[];
}[];

export type AiService = {
  run(input: RunInput): Promise<RunResult>;
  /** Text deltas, then one `result` event. Errors before the first token throw from the iterator. */
  stream(input: RunInput): AsyncGenerator<StreamEvent, void, undefined>;
  embed(input: EmbedInput): Promise<EmbedResult>;
  /** The reservation a call would make, in micro-USD, and the models it would try. */
  quote(input: RunInput): Promise<{ estimateMicroUsd: number; candidates: string[] }>;
  /** The effective routing and catalog for an organization (settings and `ai.models`). */
  routing(org?: OrgAiConfig): { routes: RoutingView; catalog: readonly CatalogModel[] };
  readonly catalog: Catalog;
  readonly router: Router;
};

const DEFAULT_MAX_TOKENS = 1024;
/** Reservations inflate the character-based input estimate: tokenizers vary (code, non-English). */
const RESERVE_INPUT_FACTOR = 1.2;
/** Reservation id of a call that can cost nothing and faces no hard limit (nothing was reserved). */
const FREE_CALL = 'free-call';

type Prepared = {
  actor: { orgId: string; userId: string | null; apiKeyId: string | null };
  task: AiTask;
  org: OrgAiConfig;
  catalog: Catalog;
  route: Route;
  limits: BudgetLimits;
  estimateMicroUsd: number;
  promptTokens: number;
};

export function createAiService(opts: AiServiceOptions): AiService {
  const catalog = opts.catalog ?? createCatalog();
  const routes = opts.routes ?? (opts.providers.bedrock ? DEFAULT_ROUTES : LOCAL_ROUTES);
  const router = createRouter({ catalog, routes, region: opts.region ?? null });
  const budgets = opts.budgetStore ?? createMemoryBudgetStore();
  const breaker = opts.breaker ?? createCircuitBreaker();
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...opts.retry };
  const requestTimeoutMs = opts.timeouts?.requestMs ?? 120_000;
  const firstTokenTimeoutMs = opts.timeouts?.firstTokenMs ?? 30_000;
  const streamIdleTimeoutMs = opts.timeouts?.streamIdleMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const random = opts.random ?? Math.random;
  const tracer = opts.tracer ?? null;
  const internalError = (err: unknown, where: string) => {
    try {
      opts.onInternalError?.(err, where);
    } catch {
      // A broken error hook must not break AI calls.
    }
  };

  const providerFor = (c: RouteCandidate): AiProvider | null => opts.providers[c.model.provider] ?? null;

  async function prepare(input: CallCommon, task: AiTask, promptTokens: number, maxTokens: number) {
    if (!input.orgId) throw new AiError('VALIDATION', 'orgId is required');
    const actor = { orgId: input.orgId, userId: input.userId ?? null, apiKeyId: input.apiKeyId ?? null };
    const [org, limits] = await Promise.all([
      input.org ?? opts.getOrgConfig?.(actor.orgId) ?? {},
      input.limits ?? opts.getLimits?.(actor) ?? NO_LIMITS,
    ]);
    const effCatalog = catalog.withOverrides(org.models);
    const route = router.route(
      { task, inputTokens: promptTokens, maxOutputTokens: maxTokens, pinModel: input.pinModel },
      { catalog: effCatalog, overrides: org.routes },
    );
    // Models whose provider is not configured here cannot be called (e.g. Bedrock ids offline).
    route.candidates = route.candidates.filter((c) => {
      if (providerFor(c)) return true;
      route.skipped.push({ modelId: c.invocationId, reason: 'provider_not_configured' });
      return false;
    });
    assertRoutable(task, route);
    // Reserve for the worst case over the candidates: the most expensive fallback may answer.
    const reserveInput = Math.ceil(promptTokens * RESERVE_INPUT_FACTOR);
    let estimateMicroUsd = 0;
    for (const c of route.candidates) {
      const p = effectivePrice(c, reserveInput);
      const perToken = Math.max(p.input, p.cacheWrite);
      estimateMicroUsd = Math.max(
        estimateMicroUsd,
        Math.ceil(reserveInput * perToken + c.maxTokens * p.output),
      );
    }
    return {
      actor,
      task,
      org,
      catalog: effCatalog,
      route,
      limits,
      estimateMicroUsd,
      promptTokens,
    } satisfies Prepared;
  }

  /** `prepare` for a real call: a request no model can serve still leaves its one row. */
  async function prepareCall(input: CallCommon, task: AiTask, promptTokens: number, maxTokens: number) {
    try {
      return await prepare(input, task, promptTokens, maxTokens);
    } catch (err) {
      if (err instanceof NoModelAvailableError) {
        await writeRecord({
          orgId: input.orgId,
          userId: input.userId ?? null,
          apiKeyId: input.apiKeyId ?? null,
          task,
          modelId: input.pinModel ?? err.skipped[0]?.modelId ?? 'none',
          provider: 'none',
          ...ZERO_USAGE,
          costMicroUsd: 0,
          usageEstimated: false,
          latencyMs: 0,
          timeToFirstTokenMs: null,
          status: 'error',
          errorCode: err.code,
          fallbackChain: [],
          traceId: null,
        });
      }
      throw err;
    }
  }

  async function reserve(p: Prepared): Promise<string> {
    // A call that cannot cost anything (every candidate is free, e.g. the local embedder) in an
    // organization without hard limits has nothing to hold or refuse: skip the store's round trips.
    if (p.estimateMicroUsd === 0 && p.limits.orgHardMicroUsd === null && p.limits.userHardMicroUsd === null) {
      return FREE_CALL;
    }
    const period = budgetPeriod(new Date(now()));
    const r = await budgets.reserve({
      orgId: p.actor.orgId,
      userId: p.actor.userId,
      period,
      estimateMicroUsd: p.estimateMicroUsd,
      limits: p.limits,
    });
    if (r.ok) return r.reservationId;
    const err = new BudgetExceededError({
      limit: r.limit,
      limitMicroUsd: r.limitMicroUsd,
      spentMicroUsd: r.spentMicroUsd,
      period,
    });
    const first = p.route.candidates[0];
    await writeRecord({
      ...p.actor,
      task: p.task,
      modelId: first?.invocationId ?? 'none',
      provider: first?.model.provider ?? 'none',
      ...ZERO_USAGE,
      costMicroUsd: 0,
      usageEstimated: false,
      latencyMs: 0,
      timeToFirstTokenMs: null,
      status: 'refused',
      errorCode: err.code,
      fallbackChain: [],
      traceId: null,
    });
    throw err;
  }

  async function writeRecord(row: AiInteractionRecord) {
    try {
      await opts.sink.record(row);
    } catch (err) {
      internalError(err, 'sink.record');
    }
  }

  /** Meter → record → trace → settle (record and settle run concurrently; they are independent). */
  async function finish(args: {
    p: Prepared;
    reservationId: string;
    span: TraceSpan;
    startedAt: number;
    ttft: number | null;
    candidate: RouteCandidate | null;
    usage: TokenUsage | null;
    usageEstimated: boolean;
    status: InteractionStatus;
    errorCode: string | null;
    chain: string[];
    output?: string;
    redactions: number;
  }): Promise<{ costMicroUsd: number; latencyMs: number; usage: TokenUsage }> {
    const { p, candidate } = args;
    const usage = args.usage ?? ZERO_USAGE;
    const cost = candidate ? costMicroUsd(candidate, usage) : 0;
    const latencyMs = Math.max(0, Math.round(now() - args.startedAt));
    const model = candidate ?? p.route.candidates[0];
    const row: AiInteractionRecord = {
      ...p.actor,
      task: p.task,
      modelId: model?.invocationId ?? 'none',
      provider: model?.model.provider ?? 'none',
      ...usage,
      costMicroUsd: cost,
      usageEstimated: args.usageEstimated,
      latencyMs,
      timeToFirstTokenMs: args.ttft,
      status: args.status,
      errorCode: args.errorCode,
      fallbackChain: args.chain,
      traceId: args.span.traceId,
    };
    const billable =
      usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheWriteTokens > 0;
    const settle = async () => {
      try {
        if (args.reservationId === FREE_CALL) return;
        if (!billable) {
          await budgets.release(args.reservationId);
          return;
        }
        const { softLimitCrossed } = await budgets.settle(args.reservationId, cost);
        if (softLimitCrossed && p.limits.orgSoftMicroUsd !== null) {
          await opts.onSoftLimitCrossed?.({
            orgId: p.actor.orgId,
            userId: p.actor.userId,
            period: budgetPeriod(new Date(now())),
            limitMicroUsd: p.limits.orgSoftMicroUsd,
          });
        }
      } catch (err) {
        internalError(err, 'budget.settle');
      }
    };
    const recorded = writeRecord(row);
    try {
      args.span.end({
        modelId: row.modelId,
        provider: row.provider,
        usage,
        usageEstimated: args.usageEstimated,
        costMicroUsd: cost,
        latencyMs,
        completionStartTime: args.ttft === null ? null : new Date(args.startedAt + args.ttft),
        fallbackChain: args.chain,
        skipped: p.route.skipped,
        status: args.status,
        errorCode: args.errorCode,
        output: p.org.traceContent ? args.output : undefined,
        redactions: args.redactions,
      });
    } catch (err) {
      internalError(err, 'tracer.end');
    }
    await Promise.all([recorded, settle()]);
    return { costMicroUsd: cost, latencyMs, usage };
  }

  function startSpan(
    name: string,
    p: Prepared,
    startedAt: number,
    input: unknown,
    params?: Record<string, number>,
  ) {
    if (!tracer) return NOOP_SPAN;
    try {
      return tracer.start({
        name,
        task: p.task,
        orgId: p.actor.orgId,
        userId: p.actor.userId,
        startTime: new Date(startedAt),
        input: p.org.traceContent ? input : undefined,
        modelParameters: params,
      });
    } catch (err) {
      internalError(err, 'tracer.start');
      return NOOP_SPAN;
    }
  }

  function makeSanitizer(input: CallCommon, org: OrgAiConfig): Sanitizer {
    const enabled = input.sanitize?.enabled ?? org.sanitize ?? true;
    return createSanitizer({
      enabled,
      clientNames: [...(org.clientNames ?? []), ...(input.sanitize?.clientNames ?? [])],
      terms: [...(org.sensitiveTerms ?? []), ...(input.sanitize?.terms ?? [])],
    });
  }

  /** Calls leave the process only for remote providers; the local one sees text as is. */
  const isRemote = (c: RouteCandidate) => c.model.provider !== 'local';

  /**
   * Walks the candidates: circuit-breaker gate, retries with jittered backoff on throttling/5xx,
   * then fallback to the next model on failures another model may not have. `attempt` must throw
   * `ProviderError`s. A half-open probe gets exactly one attempt.
   */
  async function withFallback<T>(
    p: Prepared,
    signal: AbortSignal | undefined,
    chain: string[],
    attempt: (candidate: RouteCandidate, provider: AiProvider) => Promise<T>,
  ): Promise<T> {
    let last: ProviderError | null = null;
    for (const candidate of p.route.candidates) {
      const provider = providerFor(candidate);
      if (!provider) continue;
      const decision = await breaker.acquire(candidate.invocationId);
      if (decision === 'deny') {
        p.route.skipped.push({ modelId: candidate.invocationId, reason: 'circuit_open' });
        continue;
      }
      chain.push(candidate.invocationId);
      const maxAttempts = decision === 'probe' ? 1 : retry.maxAttempts;
      for (let i = 0; ; i++) {
        if (signal?.aborted) throw new ProviderError('CANCELLED', 'Request cancelled');
        try {
          const value = await attempt(candidate, provider);
          await breaker.recordSuccess(candidate.invocationId).catch((e) => internalError(e, 'breaker'));
          return value;
        } catch (err) {
          const pe = err instanceof ProviderError ? err : toProviderError(err, candidate, signal);
          last = pe;
          if (pe.code === 'CANCELLED') throw pe;
          if (pe.countsAgainstModel) {
            await breaker.recordFailure(candidate.invocationId).catch((e) => internalError(e, 'breaker'));
          }
          if (pe.retryable && i + 1 < maxAttempts) {
            await sleep(backoffDelay(retry, i, random), signal).catch(() => {
              throw new ProviderError('CANCELLED', 'Request cancelled');
            });
            continue;
          }
          if (pe.fallback) break;
          throw pe;
        }
      }
    }
    throw noModelError(p, last);
  }

  function toProviderError(
    err: unknown,
    candidate: RouteCandidate,
    callerSignal?: AbortSignal,
    timedOut = false,
  ) {
    if (callerSignal?.aborted) return new ProviderError('CANCELLED', 'Request cancelled', { cause: err });
    if (timedOut)
      return new ProviderError('TIMEOUT', `No response from ${candidate.invocationId} in time`, {
        cause: err,
      });
    if (err instanceof ProviderError) return err;
    if (err instanceof Error && err.name === 'AbortError') {
      return new ProviderError('CANCELLED', 'Request cancelled', { cause: err });
    }
    return new ProviderError('UNKNOWN', err instanceof Error ? err.message : String(err), {
      cause: err,
      modelId: candidate.invocationId,
    });
  }

  function noModelError(p: Prepared, last: ProviderError | null): AiError {
    if (last) return last;
    return new NoModelAvailableError(
      `No model available for ${p.task}: ${p.route.skipped.map((s) => `${s.modelId} (${s.reason})`).join(', ')}`,
      p.route.skipped,
    );
  }

  function validateRun(input: RunInput) {
    if (!Array.isArray(input.messages) || input.messages.length === 0) {
      throw new AiError('VALIDATION', 'messages must hold at least one message');
    }
    if (input.task === ('embed' as AiTask)) throw new AiError('VALIDATION', 'Use embed() for the embed task');
  }

  async function run(input: RunInput): Promise<RunResult> {
    validateRun(input);
    const startedAt = now();
    const maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS;
    const promptTokens = estimatePromptTokens(input.system, input.messages);
    const p = await prepareCall(input, input.task, promptTokens, maxTokens);
    const reservationId = await reserve(p);
    const sanitizer = makeSanitizer(input, p.org);
    const system = input.system === undefined ? undefined : sanitizer.redact(input.system);
    const messages = input.messages.map((m) => ({ role: m.role, content: sanitizer.redact(m.content) }));
    const span = startSpan('ai.run', p, startedAt, { system, messages }, { maxTokens });
    const chain: string[] = [];
    let lastCandidate: RouteCandidate | null = null;
    let sent = false;
    let finished = false;

    try {
      const { candidate, res } = await withFallback(p, input.signal, chain, async (candidate, provider) => {
        lastCandidate = candidate;
        const remote = isRemote(candidate);
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), requestTimeoutMs);
        const signal = input.signal ? AbortSignal.any([input.signal, timeout.signal]) : timeout.signal;
        try {
          sent = true;
          const res = await provider.converse({
            modelId: candidate.invocationId,
            system: remote ? system : input.system,
            messages: remote ? messages : input.messages,
            maxTokens: candidate.maxTokens,
            temperature: input.temperature,
            topP: input.topP,
            stopSequences: input.stopSequences,
            signal,
          });
          return { candidate, res };
        } catch (err) {
          throw toProviderError(err, candidate, input.signal, timeout.signal.aborted);
        } finally {
          clearTimeout(timer);
        }
      });
      const remote = isRemote(candidate);
      const usageEstimated = res.usage === null;
      const usage = res.usage ?? {
        inputTokens: promptTokens,
        outputTokens: estimateTokens(res.text),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      };
      const text = remote ? sanitizer.restore(res.text) : res.text;
      const done = await finish({
        p,
        reservationId,
        span,
        startedAt,
        ttft: null,
        candidate,
        usage,
        usageEstimated,
        status: 'success',
        errorCode: null,
        chain,
        output: res.text,
        redactions: sanitizer.redactions,
      });
      finished = true;
      return {
        text,
        task: p.task,
        modelId: candidate.invocationId,
        provider: candidate.model.provider,
        stopReason: res.stopReason,
        usage: done.usage,
        usageEstimated,
        costMicroUsd: done.costMicroUsd,
        latencyMs: done.latencyMs,
        timeToFirstTokenMs: null,
        fallbackChain: chain,
        status: 'success',
        incomplete: false,
        error: null,
        traceId: span.traceId,
      };
    } catch (err) {
      if (finished) throw err;
      const pe =
        err instanceof AiError
          ? err
          : toProviderError(err, lastCandidate ?? p.route.candidates[0]!, input.signal);
      const cancelled = pe.code === 'CANCELLED' || input.signal?.aborted === true;
      // A cancelled request that reached the provider is billed for its prompt (estimated); the
      // model's partial output of a non-streamed call is unknowable, so none is charged.
      const usage = cancelled && sent ? { ...ZERO_USAGE, inputTokens: promptTokens } : null;
      await finish({
        p,
        reservationId,
        span,
        startedAt,
        ttft: null,
        candidate: lastCandidate,
        usage,
        usageEstimated: usage !== null,
        status: cancelled ? 'cancelled' : 'error',
        errorCode: cancelled ? 'CANCELLED' : pe.code,
        chain,
        redactions: sanitizer.redactions,
      });
      throw cancelled && !(pe instanceof ProviderError && pe.code === 'CANCELLED')
        ? new ProviderError('CANCELLED', 'Request cancelled', { cause: err })
        : pe;
    }
  }

  async function* stream(input: RunInput): AsyncGenerator<StreamEvent, void, undefined> {
    validateRun(input);
    const startedAt = now();
    const maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS;
    const promptTokens = estimatePromptTokens(input.system, input.messages);
    const p = await prepareCall(input, input.task, promptTokens, maxTokens);
    const reservationId = await reserve(p);
    const sanitizer = makeSanitizer(input, p.org);
    const system = input.system === undefined ? undefined : sanitizer.redact(input.system);
    const messages = input.messages.map((m) => ({ role: m.role, content: sanitizer.redact(m.content) }));
    const span = startSpan('ai.stream', p, startedAt, { system, messages }, { maxTokens });
    const chain: string[] = [];
    let lastCandidate: RouteCandidate | null = null;
    let finished = false;

    // State of the committed stream (after its first token).
    let committed: {
      candidate: RouteCandidate;
      it: AsyncIterator<ProviderStreamEvent>;
      abort: AbortController;
      remote: boolean;
      rawText: string;
      text: string;
      ttft: number;
      usage: TokenUsage | null;
      stopReason: StopReason | null;
    } | null = null;

    const partialUsage = (rawText: string, reported: TokenUsage | null): TokenUsage =>
      reported ?? {
        inputTokens: promptTokens,
        outputTokens: estimateTokens(rawText),
        cacheReadTokens: 0,
        cacheWriteTokens: 0,
      };

    try {
      // Phase 1: find a model that produces a first token; fall back freely until then.
      committed = await withFallback(p, input.signal, chain, async (candidate, provider) => {
        lastCandidate = candidate;
        const remote = isRemote(candidate);
        const abort = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
          timedOut = true;
          abort.abort();
        }, firstTokenTimeoutMs);
        const signal = input.signal ? AbortSignal.any([input.signal, abort.signal]) : abort.signal;
        let usage: TokenUsage | null = null;
        let stopReason: StopReason | null = null;
        try {
          const it = provider
            .converseStream({
              modelId: candidate.invocationId,
              system: remote ? system : input.system,
              messages: remote ? messages : input.messages,
              maxTokens: candidate.maxTokens,
              temperature: input.temperature,
              topP: input.topP,
              stopSequences: input.stopSequences,
              signal,
            })
            [Symbol.asyncIterator]();
          let first: string | null = null;
          while (first === null) {
            const r = await it.next();
            if (r.done) break;
            const ev = r.value;
            if (ev.type === 'text') first = ev.text;
            else if (ev.type === 'usage') usage = ev.usage;
            else if (ev.type === 'stop') stopReason = ev.stopReason;
          }
          return {
            candidate,
            it,
            abort,
            remote,
            rawText: first ?? '',
            text: '',
            ttft: Math.round(now() - startedAt),
            usage,
            stopReason,
          };
        } catch (err) {
          abort.abort();
          throw toProviderError(err, candidate, input.signal, timedOut);
        } finally {
          clearTimeout(timer);
        }
      });

      // Phase 2: relay deltas. From here on there is no fallback: errors end the stream as
      // incomplete, keeping the text already delivered.
      const c = committed;
      const restorer = sanitizer.createStreamRestorer();
      const emit = (raw: string) => {
        const out = c.remote ? restorer.push(raw) : raw;
        c.text += out;
        return out;
      };
      let streamError: ProviderError | null = null;
      const firstOut = emit(c.rawText);
      if (firstOut) yield { type: 'text', text: firstOut };
      let idle = false;
      let idleTimer: NodeJS.Timeout | undefined;
      try {
        for (;;) {
          // A stream that stalls after its first token ends as incomplete (no fallback now).
          idleTimer = setTimeout(() => {
            idle = true;
            c.abort.abort();
          }, streamIdleTimeoutMs);
          const r = await c.it.next();
          clearTimeout(idleTimer);
          if (r.done) break;
          const ev = r.value;
          if (ev.type === 'text') {
            c.rawText += ev.text;
            const out = emit(ev.text);
            if (out) yield { type: 'text', text: out };
          } else if (ev.type === 'usage') c.usage = ev.usage;
          else if (ev.type === 'stop') c.stopReason = ev.stopReason;
        }
      } catch (err) {
        clearTimeout(idleTimer);
        streamError = toProviderError(err, c.candidate, input.signal, idle);
        if (streamError.countsAgainstModel) {
          await breaker.recordFailure(c.candidate.invocationId).catch((e) => internalError(e, 'breaker'));
        }
      }
      const tail = c.remote ? restorer.flush() : '';
      c.text += tail;
      if (tail) yield { type: 'text', text: tail };
      if (!streamError)
        await breaker.recordSuccess(c.candidate.invocationId).catch((e) => internalError(e, 'breaker'));

      const cancelled = streamError?.code === 'CANCELLED';
      const status: InteractionStatus = cancelled ? 'cancelled' : streamError ? 'incomplete' : 'success';
      const usageEstimated = c.usage === null;
      finished = true;
      const done = await finish({
        p,
        reservationId,
        span,
        startedAt,
        ttft: c.ttft,
        candidate: c.candidate,
        usage: partialUsage(c.rawText, c.usage),
        usageEstimated,
        status,
        errorCode: streamError ? streamError.code : null,
        chain,
        output: c.rawText,
        redactions: sanitizer.redactions,
      });
      yield {
        type: 'result',
        result: {
          text: c.text,
          task: p.task,
          modelId: c.candidate.invocationId,
          provider: c.candidate.model.provider,
          stopReason: c.stopReason,
          usage: done.usage,
          usageEstimated,
          costMicroUsd: done.costMicroUsd,
          latencyMs: done.latencyMs,
          timeToFirstTokenMs: c.ttft,
          fallbackChain: chain,
          status,
          incomplete: streamError !== null,
          error: streamError ? { code: streamError.code, message: streamError.message } : null,
          traceId: span.traceId,
        },
      };
    } catch (err) {
      if (finished) throw err;
      finished = true;
      const pe =
        err instanceof AiError
          ? err
          : toProviderError(err, lastCandidate ?? p.route.candidates[0]!, input.signal);
      const cancelled = pe.code === 'CANCELLED' || input.signal?.aborted === true;
      await finish({
        p,
        reservationId,
        span,
        startedAt,
        ttft: null,
        candidate: lastCandidate,
        usage: cancelled && lastCandidate ? partialUsage('', null) : null,
        usageEstimated: cancelled && lastCandidate !== null,
        status: cancelled ? 'cancelled' : 'error',
        errorCode: cancelled ? 'CANCELLED' : pe.code,
        chain,
        redactions: sanitizer.redactions,
      });
      throw pe;
    } finally {
      if (!finished) {
        // The consumer stopped iterating (break/return) mid-stream: stop the model and bill what
        // was produced so far.
        finished = true;
        const c = committed as typeof committed;
        if (c) {
          c.abort.abort();
          void c.it.return?.().catch(() => {});
        }
        await finish({
          p,
          reservationId,
          span,
          startedAt,
          ttft: c?.ttft ?? null,
          candidate: c?.candidate ?? lastCandidate,
          usage: c ? partialUsage(c.rawText, c.usage) : null,
          usageEstimated: c ? c.usage === null : false,
          status: 'cancelled',
          errorCode: 'CANCELLED',
          chain,
          output: c?.rawText,
          redactions: sanitizer.redactions,
        });
      }
    }
  }

  async function embed(input: EmbedInput): Promise<EmbedResult> {
    if (!Array.isArray(input.texts) || input.texts.length === 0) {
      throw new AiError('VALIDATION', 'texts must hold at least one text');
    }
    const startedAt = now();
    let promptTokens = 0;
    for (const t of input.texts) promptTokens += estimateTokens(t);
    // Context check per text, not for the batch: embedding models take texts one by one.
    const longest = input.texts.reduce((m, t) => Math.max(m, estimateTokens(t)), 0);
    const p0 = await prepareCall(input, 'embed', longest, 0);
    const p: Prepared = { ...p0, promptTokens };
    p.estimateMicroUsd = Math.max(
      0,
      ...p.route.candidates.map((c) =>
        Math.ceil(promptTokens * RESERVE_INPUT_FACTOR * effectivePrice(c, 0).input),
      ),
    );
    const reservationId = await reserve(p);
    const sanitizer = makeSanitizer(input, p.org);
    const redacted = input.texts.map((t) => sanitizer.redact(t));
    const span = startSpan('ai.embed', p, startedAt, undefined);
    const chain: string[] = [];
    let lastCandidate: RouteCandidate | null = null;
    let finished = false;
    try {
      const { candidate, res } = await withFallback(p, input.signal, chain, async (candidate, provider) => {
        lastCandidate = candidate;
        const timeout = new AbortController();
        const timer = setTimeout(() => timeout.abort(), requestTimeoutMs);
        const signal = input.signal ? AbortSignal.any([input.signal, timeout.signal]) : timeout.signal;
        try {
          const res = await provider.embed({
            modelId: candidate.invocationId,
            texts: isRemote(candidate) ? redacted : input.texts,
            kind: input.kind,
            signal,
          });
          return { candidate, res };
        } catch (err) {
          throw toProviderError(err, candidate, input.signal, timeout.signal.aborted);
        } finally {
          clearTimeout(timer);
        }
      });
      const done = await finish({
        p,
        reservationId,
        span,
        startedAt,
        ttft: null,
        candidate,
        usage: { ...ZERO_USAGE, inputTokens: res.inputTokens },
        usageEstimated: res.usageEstimated,
        status: 'success',
        errorCode: null,
        chain,
        redactions: sanitizer.redactions,
      });
      finished = true;
      return {
        vectors: res.vectors,
        modelId: candidate.invocationId,
        dimensions: res.vectors[0]?.length ?? candidate.model.embeddingDimensions ?? 0,
        inputTokens: res.inputTokens,
        usageEstimated: res.usageEstimated,
        costMicroUsd: done.costMicroUsd,
        latencyMs: done.latencyMs,
        fallbackChain: chain,
        traceId: span.traceId,
      };
    } catch (err) {
      if (finished) throw err;
      const pe =
        err instanceof AiError
          ? err
          : toProviderError(err, lastCandidate ?? p.route.candidates[0]!, input.signal);
      const cancelled = pe.code === 'CANCELLED';
      await finish({
        p,
        reservationId,
        span,
        startedAt,
        ttft: null,
        candidate: lastCandidate,
        usage: null,
        usageEstimated: false,
        status: cancelled ? 'cancelled' : 'error',
        errorCode: pe.code,
        chain,
        redactions: sanitizer.redactions,
      });
      throw pe;
    }
  }

  return {
    run,
    stream,
    embed,
    catalog,
    router,
    async quote(input) {
      const p = await prepare(
        input,
        input.task,
        estimatePromptTokens(input.system, input.messages),
        input.maxTokens ?? DEFAULT_MAX_TOKENS,
      );
      return {
        estimateMicroUsd: p.estimateMicroUsd,
        candidates: p.route.candidates.map((c) => c.invocationId),
      };
    },
    routing(org) {
      const eff = catalog.withOverrides(org?.models);
      const view: RoutingView = (Object.keys(routes) as AiTask[]).map((task) => ({
        task,
        models: router.modelsFor(task, org?.routes).map((id) => {
          const m = eff.resolve(id);
          return {
            id,
            known: m !== null,
            name: m?.model.name ?? null,
            overridden: Boolean(org?.routes?.[task]?.length),
          };
        }),
      }));
      return { routes: view, catalog: eff.models };
    },
  };
}
