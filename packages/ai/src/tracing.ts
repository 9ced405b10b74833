import type { AiTask } from './tasks';
import type { InteractionStatus, TokenUsage } from './types';

export type TraceStart = {
  /** `ai.run`, `ai.stream` or `ai.embed`. */
  name: string;
  task: AiTask;
  orgId: string;
  userId: string | null;
  startTime: Date;
  /** The sanitized prompt; present only when the organization allows content in traces. */
  input?: unknown;
  modelParameters?: Record<string, string | number>;
};

export type TraceEnd = {
  modelId: string;
  provider: string;
  usage: TokenUsage;
  usageEstimated: boolean;
  costMicroUsd: number;
  latencyMs: number;
  completionStartTime: Date | null;
  fallbackChain: string[];
  skipped: { modelId: string; reason: string }[];
  status: InteractionStatus;
  errorCode: string | null;
  /** The sanitized completion; only when content is allowed. */
  output?: string;
  redactions: number;
};

export type TraceSpan = {
  readonly traceId: string | null;
  end(info: TraceEnd): void;
};

/** Where generations are traced (Langfuse when configured). Must never throw into the pipeline. */
export type AiTracer = {
  start(init: TraceStart): TraceSpan;
  /** Sends buffered spans (call before the process exits). */
  flush(): Promise<void>;
};

export const NOOP_SPAN: TraceSpan = { traceId: null, end() {} };
