export {
  type BreakerConfig,
  type BreakerStateStore,
  type CircuitBreaker,
  type CircuitState,
  createCircuitBreaker,
  createMemoryBreakerStore,
  createRedisBreakerStore,
} from './breaker';
export {
  type BudgetLimits,
  type BudgetStore,
  budgetPeriod,
  createMemoryBudgetStore,
  createRedisBudgetStore,
  NO_LIMITS,
  type RedisEvalClient,
  type ReserveInput,
  type ReserveResult,
  type SpendSnapshot,
} from './budget';
export {
  type Catalog,
  type CatalogModel,
  costMicroUsd,
  createCatalog,
  DEFAULT_MODELS,
  effectivePrice,
  type InferenceProfile,
  type ModelOverride,
  type PricePerMillion,
  type PriceTier,
  type ResolvedModel,
  splitProfile,
} from './catalog';
export { type AiEnv, aiEnvSchema, createAiServiceFromEnv } from './env';
export {
  AiError,
  BudgetExceededError,
  type BudgetLimitKind,
  NoModelAvailableError,
  ProviderError,
  type ProviderErrorCode,
} from './errors';
export { BedrockProvider, type BedrockProviderOptions } from './providers/bedrock';
export { LOCAL_OFFLINE_NOTICE, LocalProvider } from './providers/local';
export { cosine, LOCAL_EMBEDDING_DIMENSIONS, localEmbed } from './providers/local-embed';
export { createRouter, type Route, type RouteCandidate, type Router } from './router';
export { createSanitizer, type SanitizeOptions, type Sanitizer } from './sanitizer';
export {
  type AiService,
  type AiServiceOptions,
  createAiService,
  type EmbedInput,
  type EmbedResult,
  type OrgAiConfig,
  type RoutingView,
  type RunInput,
  type RunResult,
  type SoftLimitEvent,
  type StreamEvent,
} from './service';
export {
  AI_TASKS,
  type AiTask,
  DEFAULT_ROUTES,
  LOCAL_ROUTES,
  type RouteOverrides,
  type TextTask,
} from './tasks';
export { estimatePromptTokens, estimateTokens } from './tokens';
export type { AiTracer, TraceEnd, TraceSpan, TraceStart } from './tracing';
export { createLangfuseTracer, type LangfuseTracerOptions } from './tracing-langfuse';
export {
  type AiInteractionRecord,
  type ChatMessage,
  createMemorySink,
  type EmbeddingKind,
  type InteractionSink,
  type InteractionStatus,
  type TokenUsage,
} from './types';
