import { LangfuseSpanProcessor } from '@langfuse/otel';
import { LangfuseOtelSpanAttributes, setLangfuseTracerProvider, startObservation } from '@langfuse/tracing';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { AiTracer, TraceSpan } from './tracing';

export type LangfuseTracerOptions = {
  publicKey: string;
  secretKey: string;
  baseUrl?: string;
  environment?: string;
  release?: string;
  /** `immediate` exports each span as it ends (tests, serverless); default `batched`. */
  exportMode?: 'immediate' | 'batched';
};

/**
 * Traces each AI call to Langfuse as a `generation` through Langfuse's OpenTelemetry SDK (v4+,
 * the maintained one). The tracer provider is isolated (`setLangfuseTracerProvider`), so it does
 * not claim the global OpenTelemetry provider that Sentry or others may own.
 */
export function createLangfuseTracer(opts: LangfuseTracerOptions): AiTracer & { shutdown(): Promise<void> } {
  const processor = new LangfuseSpanProcessor({
    publicKey: opts.publicKey,
    secretKey: opts.secretKey,
    baseUrl: opts.baseUrl,
    environment: opts.environment,
    release: opts.release,
    exportMode: opts.exportMode,
    // Prompts are sanitized text; there is no media to upload.
    mediaUploadEnabled: false,
  });
  const provider = new BasicTracerProvider({ spanProcessors: [processor] });
  setLangfuseTracerProvider(provider);

  return {
    start(init): TraceSpan {
      const gen = startObservation(
        init.name,
        {
          input: init.input,
          modelParameters: init.modelParameters,
          metadata: { task: init.task, orgId: init.orgId },
        },
        { asType: 'generation', startTime: init.startTime },
      );
      gen.otelSpan.setAttributes({
        [LangfuseOtelSpanAttributes.TRACE_NAME]: `${init.name}:${init.task}`,
        ...(init.userId && { [LangfuseOtelSpanAttributes.TRACE_USER_ID]: init.userId }),
        [LangfuseOtelSpanAttributes.TRACE_TAGS]: [init.task, `org:${init.orgId}`],
      });
      return {
        traceId: gen.traceId,
        end(info) {
          gen
            .update({
              model: info.modelId,
              output: info.output,
              completionStartTime: info.completionStartTime ?? undefined,
              usageDetails: {
                input: info.usage.inputTokens,
                output: info.usage.outputTokens,
                cache_read_input_tokens: info.usage.cacheReadTokens,
                cache_creation_input_tokens: info.usage.cacheWriteTokens,
              },
              costDetails: { total: info.costMicroUsd / 1_000_000 },
              level: info.status === 'success' ? 'DEFAULT' : info.status === 'refused' ? 'WARNING' : 'ERROR',
              statusMessage: info.errorCode ?? undefined,
              metadata: {
                provider: info.provider,
                status: info.status,
                fallbackChain: info.fallbackChain,
                skipped: info.skipped,
                usageEstimated: info.usageEstimated,
                latencyMs: info.latencyMs,
                costMicroUsd: info.costMicroUsd,
                redactions: info.redactions,
              },
            })
            .end();
        },
      };
    },
    flush: () => processor.forceFlush(),
    async shutdown() {
      await provider.shutdown();
      setLangfuseTracerProvider(null);
    },
  };
}
