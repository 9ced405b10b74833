import type { AiTask } from './tasks';

export type ChatRole = 'user' | 'assistant';
export type ChatMessage = { role: ChatRole; content: string };

export type ProviderName = 'bedrock' | 'local';

/** Token usage as the provider reported it (or as we estimated it, see `estimated`). */
export type TokenUsage = {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
};

export const ZERO_USAGE: TokenUsage = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
};

export type StopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'guardrail_intervened'
  | 'content_filtered'
  | 'unknown';

export type ChatRequest = {
  /** The id sent to the provider (may carry an inference-profile prefix). */
  modelId: string;
  system?: string;
  messages: ChatMessage[];
  maxTokens: number;
  temperature?: number;
  topP?: number;
  stopSequences?: string[];
  signal?: AbortSignal;
};

export type ChatResponse = {
  text: string;
  stopReason: StopReason;
  /** Null when the provider did not report usage. */
  usage: TokenUsage | null;
};

/** What a provider stream yields: text deltas, then at most one stop and one usage event. */
export type ProviderStreamEvent =
  | { type: 'start' }
  | { type: 'text'; text: string }
  | { type: 'stop'; stopReason: StopReason }
  | { type: 'usage'; usage: TokenUsage };

export type EmbeddingKind = 'document' | 'query';

export type EmbedRequest = {
  modelId: string;
  texts: string[];
  kind: EmbeddingKind;
  signal?: AbortSignal;
};

export type EmbedResponse = {
  vectors: Float32Array[];
  /** Input tokens summed over all texts (exact when the provider reported them). */
  inputTokens: number;
  usageEstimated: boolean;
};

/** A model backend. Errors must be thrown as (or classified into) `ProviderError`. */
export type AiProvider = {
  readonly name: ProviderName;
  converse(req: ChatRequest): Promise<ChatResponse>;
  converseStream(req: ChatRequest): AsyncIterable<ProviderStreamEvent>;
  embed(req: EmbedRequest): Promise<EmbedResponse>;
};

export type InteractionStatus = 'success' | 'error' | 'incomplete' | 'cancelled' | 'refused';

/** Exactly the columns of `ai_interactions` (minus id/created_at); the api package persists it. */
export type AiInteractionRecord = {
  orgId: string;
  userId: string | null;
  apiKeyId: string | null;
  task: AiTask;
  modelId: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  costMicroUsd: number;
  usageEstimated: boolean;
  latencyMs: number;
  timeToFirstTokenMs: number | null;
  status: InteractionStatus;
  errorCode: string | null;
  fallbackChain: string[];
  traceId: string | null;
};

/** Where interaction rows go; the api package implements it over Postgres. */
export type InteractionSink = {
  record(row: AiInteractionRecord): Promise<void>;
};

/** Collects rows in memory (tests, embedded diagnostics). */
export function createMemorySink(): InteractionSink & { rows: AiInteractionRecord[] } {
  const rows: AiInteractionRecord[] = [];
  return {
    rows,
    async record(row) {
      rows.push(row);
    },
  };
}
