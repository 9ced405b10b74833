import { setMaxListeners } from 'node:events';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import {
  BedrockRuntimeClient,
  type BedrockRuntimeClientConfig,
  type ContentBlock,
  ConverseCommand,
  type ConverseCommandInput,
  ConverseStreamCommand,
  InvokeModelCommand,
  type TokenUsage as SdkTokenUsage,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { mapWithConcurrency } from '../concurrency';
import { classifyBedrockError, ProviderError } from '../errors';
import { estimateTokens } from '../tokens';
import type {
  AiProvider,
  ChatRequest,
  ChatResponse,
  EmbedRequest,
  EmbedResponse,
  ProviderStreamEvent,
  StopReason,
  TokenUsage,
} from '../types';

export type BedrockProviderOptions = {
  region?: string;
  /** Endpoint override (VPC endpoint, or a local fake in tests). */
  endpoint?: string;
  /** Static credentials; omitted → the default AWS credential chain (env, SSO, IMDS, …). */
  credentials?: BedrockRuntimeClientConfig['credentials'];
  /** Replaces the default keep-alive HTTP/1.1 handler (see below). */
  requestHandler?: BedrockRuntimeClientConfig['requestHandler'];
  /** Sockets per host for the default handler (concurrent calls beyond this queue). */
  maxSockets?: number;
  /** TCP connect timeout of the default handler. */
  connectionTimeoutMs?: number;
  /** Titan embeds one text per request, so texts run concurrently up to this many. */
  embedConcurrency?: number;
  /** A prepared client (tests, custom middleware); the options above are then ignored. */
  client?: BedrockRuntimeClient;
};

const COHERE_MAX_BATCH = 96;
const TITAN_DIMENSIONS = 1024;
const INPUT_TOKEN_HEADER = 'x-amzn-bedrock-input-token-count';

/** Bedrock Runtime over the official SDK. SDK retries are off: the pipeline owns the retry loop. */
export class BedrockProvider implements AiProvider {
  readonly name = 'bedrock' as const;
  readonly client: BedrockRuntimeClient;
  private readonly embedConcurrency: number;
  /** Input token counts from response headers, keyed by the SDK output object. */
  private readonly headerTokens = new WeakMap<object, number>();

  constructor(opts: BedrockProviderOptions = {}) {
    this.client =
      opts.client ??
      new BedrockRuntimeClient({
        region: opts.region,
        endpoint: opts.endpoint,
        credentials: opts.credentials,
        // The SDK's default Node handler for Bedrock Runtime is HTTP/2 with concurrent streams
        // disabled (there for bidirectional streaming, which we do not use): a new connection and
        // TLS handshake per call. Keep-alive HTTP/1.1 reuses connections; Converse, ConverseStream
        // (event-stream over chunked encoding) and InvokeModel all work over it.
        requestHandler:
          opts.requestHandler ??
          new NodeHttpHandler({
            httpAgent: new HttpAgent({ keepAlive: true, maxSockets: opts.maxSockets ?? 128 }),
            httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: opts.maxSockets ?? 128 }),
            connectionTimeout: opts.connectionTimeoutMs ?? 5_000,
          }),
        // One retry loop, ours (backoff, fallback and breaker need to see every failure).
        maxAttempts: 1,
      });
    this.embedConcurrency = opts.embedConcurrency ?? 16;
    // InvokeModel reports token counts only in headers (Cohere's body has none); capture them.
    this.client.middlewareStack.add(
      (next) => async (args) => {
        const result = await next(args);
        const headers = (result.response as { headers?: Record<string, string> } | undefined)?.headers;
        const count = headers?.[INPUT_TOKEN_HEADER];
        if (count !== undefined && result.output && typeof result.output === 'object') {
          this.headerTokens.set(result.output, Number(count));
        }
        return result;
      },
      { step: 'build', name: 'consailtTokenCountHeader', override: true },
    );
  }

  async converse(req: ChatRequest): Promise<ChatResponse> {
    try {
      const out = await this.client.send(new ConverseCommand(toConverseInput(req)), {
        abortSignal: req.signal,
      });
      const text = textOf(out.output?.message?.content);
      return { text, stopReason: mapStopReason(out.stopReason), usage: mapUsage(out.usage) };
    } catch (err) {
      throw classifyBedrockError(err, req.modelId);
    }
  }

  async *converseStream(req: ChatRequest): AsyncGenerator<ProviderStreamEvent> {
    let stream: AsyncIterable<Record<string, unknown>> | undefined;
    try {
      const out = await this.client.send(new ConverseStreamCommand(toConverseInput(req)), {
        abortSignal: req.signal,
      });
      stream = out.stream as AsyncIterable<Record<string, unknown>> | undefined;
    } catch (err) {
      throw classifyBedrockError(err, req.modelId);
    }
    if (!stream)
      throw new ProviderError('MALFORMED_RESPONSE', 'ConverseStream returned no stream', {
        modelId: req.modelId,
      });
    try {
      for await (const ev of stream) {
        if (ev.messageStart) yield { type: 'start' };
        else if (ev.contentBlockDelta) {
          const delta = (ev.contentBlockDelta as { delta?: { text?: string } }).delta;
          if (delta?.text) yield { type: 'text', text: delta.text };
        } else if (ev.messageStop) {
          yield {
            type: 'stop',
            stopReason: mapStopReason((ev.messageStop as { stopReason?: string }).stopReason),
          };
        } else if (ev.metadata) {
          const usage = mapUsage((ev.metadata as { usage?: SdkTokenUsage }).usage);
          if (usage) yield { type: 'usage', usage };
        } else {
          // Modeled exception members arrive as events when the SDK does not throw them itself.
          const [name, body] = Object.entries(ev)[0] ?? [];
          if (name && /Exception$/i.test(name)) {
            const e = new Error((body as { message?: string } | undefined)?.message ?? name);
            e.name = name.charAt(0).toUpperCase() + name.slice(1);
            throw e;
          }
        }
      }
    } catch (err) {
      throw classifyBedrockError(err, req.modelId);
    }
  }

  async embed(req: EmbedRequest): Promise<EmbedResponse> {
    try {
      if (req.modelId.includes('cohere.embed')) return await this.embedCohere(req);
      return await this.embedTitan(req);
    } catch (err) {
      throw classifyBedrockError(err, req.modelId);
    }
  }

  private async invokeJson(modelId: string, body: unknown, signal?: AbortSignal) {
    const out = await this.client.send(
      new InvokeModelCommand({
        modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: JSON.stringify(body),
      }),
      { abortSignal: signal },
    );
    let json: unknown;
    try {
      json = JSON.parse(out.body.transformToString());
    } catch (err) {
      throw new ProviderError('MALFORMED_RESPONSE', 'InvokeModel returned invalid JSON', {
        cause: err,
        modelId,
      });
    }
    return { json, headerTokens: this.headerTokens.get(out) ?? null };
  }

  private async embedTitan(req: EmbedRequest): Promise<EmbedResponse> {
    // Every in-flight request listens on the caller's signal; that many listeners are expected.
    if (req.signal) setMaxListeners(this.embedConcurrency + 16, req.signal);
    let estimated = false;
    const parts = await mapWithConcurrency(req.texts, this.embedConcurrency, async (text) => {
      const { json, headerTokens } = await this.invokeJson(
        req.modelId,
        { inputText: text, dimensions: TITAN_DIMENSIONS, normalize: true },
        req.signal,
      );
      const body = json as { embedding?: unknown; inputTextTokenCount?: unknown };
      const vector = toVector(body.embedding, req.modelId);
      let tokens = typeof body.inputTextTokenCount === 'number' ? body.inputTextTokenCount : headerTokens;
      if (tokens === null) {
        estimated = true;
        tokens = estimateTokens(text);
      }
      return { vector, tokens };
    });
    return {
      vectors: parts.map((p) => p.vector),
      inputTokens: parts.reduce((s, p) => s + p.tokens, 0),
      usageEstimated: estimated,
    };
  }

  private async embedCohere(req: EmbedRequest): Promise<EmbedResponse> {
    const batches: string[][] = [];
    for (let i = 0; i < req.texts.length; i += COHERE_MAX_BATCH)
      batches.push(req.texts.slice(i, i + COHERE_MAX_BATCH));
    let estimated = false;
    const parts = await mapWithConcurrency(
      batches,
      Math.max(1, Math.floor(this.embedConcurrency / 4)),
      async (texts) => {
        const { json, headerTokens } = await this.invokeJson(
          req.modelId,
          { texts, input_type: req.kind === 'query' ? 'search_query' : 'search_document', truncate: 'END' },
          req.signal,
        );
        const raw = (json as { embeddings?: unknown }).embeddings;
        // `embeddings` is number[][] by default, or { float: number[][] } when embedding_types is set.
        const list = Array.isArray(raw) ? raw : (raw as { float?: unknown } | undefined)?.float;
        if (!Array.isArray(list) || list.length !== texts.length) {
          throw new ProviderError('MALFORMED_RESPONSE', 'Cohere embed returned the wrong number of vectors', {
            modelId: req.modelId,
          });
        }
        let tokens = headerTokens;
        if (tokens === null) {
          estimated = true;
          tokens = texts.reduce((s, t) => s + estimateTokens(t), 0);
        }
        return { vectors: list.map((v) => toVector(v, req.modelId)), tokens };
      },
    );
    return {
      vectors: parts.flatMap((p) => p.vectors),
      inputTokens: parts.reduce((s, p) => s + p.tokens, 0),
      usageEstimated: estimated,
    };
  }
}

function toConverseInput(req: ChatRequest): ConverseCommandInput {
  return {
    modelId: req.modelId,
    system: req.system ? [{ text: req.system }] : undefined,
    messages: req.messages.map((m) => ({ role: m.role, content: [{ text: m.content }] })),
    inferenceConfig: {
      maxTokens: req.maxTokens,
      temperature: req.temperature,
      topP: req.topP,
      stopSequences: req.stopSequences,
    },
  };
}

function textOf(content: ContentBlock[] | undefined): string {
  if (!content) return '';
  let text = '';
  for (const block of content) if ('text' in block && typeof block.text === 'string') text += block.text;
  return text;
}

function toVector(v: unknown, modelId: string): Float32Array {
  if (!Array.isArray(v) || v.length === 0 || typeof v[0] !== 'number') {
    throw new ProviderError('MALFORMED_RESPONSE', 'Embedding response has no vector', { modelId });
  }
  return Float32Array.from(v as number[]);
}

export function mapUsage(u: SdkTokenUsage | undefined): TokenUsage | null {
  if (!u) return null;
  return {
    inputTokens: u.inputTokens ?? 0,
    outputTokens: u.outputTokens ?? 0,
    cacheReadTokens: u.cacheReadInputTokens ?? 0,
    cacheWriteTokens: u.cacheWriteInputTokens ?? 0,
  };
}

function mapStopReason(r: string | undefined): StopReason {
  switch (r) {
    case 'end_turn':
    case 'max_tokens':
    case 'stop_sequence':
    case 'tool_use':
    case 'guardrail_intervened':
    case 'content_filtered':
      return r;
    default:
      return 'unknown';
  }
}
