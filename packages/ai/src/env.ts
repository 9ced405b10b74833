import { z } from 'zod';
import { createCircuitBreaker, createRedisBreakerStore } from './breaker';
import { type BudgetStore, createRedisBudgetStore, type RedisEvalClient } from './budget';
import { BedrockProvider } from './providers/bedrock';
import { LocalProvider } from './providers/local';
import { type AiService, type AiServiceOptions, createAiService } from './service';
import { createLangfuseTracer } from './tracing-langfuse';

const optionalNumber = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int()
    .positive()
    .optional();

/**
 * AI configuration. Bedrock is used when `AWS_REGION` is set (credentials from the default AWS
 * chain: env keys, SSO/profile, container or instance role); otherwise the offline local provider.
 * Langfuse tracing is on when both Langfuse keys are set.
 */
export const aiEnvSchema = z.object({
  AWS_REGION: z.string().optional(),
  BEDROCK_ENDPOINT: z.url('BEDROCK_ENDPOINT must be a URL').optional(),
  /** Titan embeds one text per request; this many run at once. */
  BEDROCK_EMBED_CONCURRENCY: optionalNumber('BEDROCK_EMBED_CONCURRENCY'),
  /** Attempts per model on throttling/5xx before falling back (including the first). */
  AI_MAX_ATTEMPTS: optionalNumber('AI_MAX_ATTEMPTS'),
  AI_REQUEST_TIMEOUT_MS: optionalNumber('AI_REQUEST_TIMEOUT_MS'),
  AI_FIRST_TOKEN_TIMEOUT_MS: optionalNumber('AI_FIRST_TOKEN_TIMEOUT_MS'),
  AI_BREAKER_FAILURES: optionalNumber('AI_BREAKER_FAILURES'),
  AI_BREAKER_COOLDOWN_MS: optionalNumber('AI_BREAKER_COOLDOWN_MS'),
  LANGFUSE_PUBLIC_KEY: z.string().optional(),
  LANGFUSE_SECRET_KEY: z.string().optional(),
  LANGFUSE_BASE_URL: z.url('LANGFUSE_BASE_URL must be a URL').optional(),
  LANGFUSE_TRACING_ENVIRONMENT: z.string().optional(),
});
export type AiEnv = z.infer<typeof aiEnvSchema>;

/**
 * Builds the service from validated env plus what only the caller has (sink, Redis, org lookups).
 * With a Redis client, budgets and circuit state are shared across processes; without one they
 * live in memory (embedded mode, or pass a Postgres `budgetStore`).
 */
export function createAiServiceFromEnv(
  env: AiEnv,
  deps: Omit<AiServiceOptions, 'providers' | 'region'> & {
    redis?: RedisEvalClient & {
      hmget(key: string, ...fields: string[]): Promise<(string | null)[]>;
      del(key: string): Promise<unknown>;
      hget(key: string, field: string): Promise<string | null>;
    };
  },
): AiService {
  const { redis, ...rest } = deps;
  const bedrock = env.AWS_REGION
    ? new BedrockProvider({
        region: env.AWS_REGION,
        endpoint: env.BEDROCK_ENDPOINT,
        embedConcurrency: env.BEDROCK_EMBED_CONCURRENCY,
      })
    : undefined;
  const budgetStore: BudgetStore | undefined =
    rest.budgetStore ?? (redis ? createRedisBudgetStore(redis) : undefined);
  const breaker =
    rest.breaker ??
    createCircuitBreaker({
      store: redis ? createRedisBreakerStore(redis) : undefined,
      config: {
        ...(env.AI_BREAKER_FAILURES && { failureThreshold: env.AI_BREAKER_FAILURES }),
        ...(env.AI_BREAKER_COOLDOWN_MS && { cooldownMs: env.AI_BREAKER_COOLDOWN_MS }),
      },
    });
  const tracer =
    rest.tracer ??
    (env.LANGFUSE_PUBLIC_KEY && env.LANGFUSE_SECRET_KEY
      ? createLangfuseTracer({
          publicKey: env.LANGFUSE_PUBLIC_KEY,
          secretKey: env.LANGFUSE_SECRET_KEY,
          baseUrl: env.LANGFUSE_BASE_URL,
          environment: env.LANGFUSE_TRACING_ENVIRONMENT,
        })
      : null);
  return createAiService({
    ...rest,
    providers: bedrock ? { bedrock, local: new LocalProvider() } : { local: new LocalProvider() },
    region: env.AWS_REGION ?? null,
    budgetStore,
    breaker,
    tracer,
    retry: { ...(env.AI_MAX_ATTEMPTS && { maxAttempts: env.AI_MAX_ATTEMPTS }), ...rest.retry },
    timeouts: {
      ...(env.AI_REQUEST_TIMEOUT_MS && { requestMs: env.AI_REQUEST_TIMEOUT_MS }),
      ...(env.AI_FIRST_TOKEN_TIMEOUT_MS && { firstTokenMs: env.AI_FIRST_TOKEN_TIMEOUT_MS }),
      ...rest.timeouts,
    },
  });
}
