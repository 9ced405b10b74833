import http from 'node:http';
import type net from 'node:net';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { fromUtf8, toUtf8 } from '@smithy/util-utf8';
import { localEmbed } from '../providers/local-embed';

/**
 * A local stand-in for Bedrock Runtime that speaks its wire protocol, for tests and benchmarks:
 * `POST /model/{id}/converse` (JSON), `/converse-stream` (`application/vnd.amazon.eventstream`
 * frames), `/invoke` (Titan and Cohere embedding bodies), and errors as the service sends them
 * (`x-amzn-ErrorType` header + `{ message }`). HTTP/1.1, which is what `BedrockProvider` speaks
 * (see its request handler note).
 */

export type FakeErrorType =
  | 'ThrottlingException'
  | 'ServiceUnavailableException'
  | 'InternalServerException'
  | 'ValidationException'
  | 'ModelNotReadyException'
  | 'ModelTimeoutException'
  | 'ModelErrorException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException';

const STATUS: Record<FakeErrorType, number> = {
  ThrottlingException: 429,
  ServiceUnavailableException: 503,
  InternalServerException: 500,
  ValidationException: 400,
  ModelNotReadyException: 429,
  ModelTimeoutException: 408,
  ModelErrorException: 424,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
};

export type FakeUsage = {
  inputTokens?: number;
  outputTokens?: number;
  cacheReadInputTokens?: number;
  cacheWriteInputTokens?: number;
};

export type FakeModelBehavior = {
  /** Reply text (default: a sentence naming the model). */
  text?: string;
  /** Stream deltas; default: `text` split every ~12 characters. */
  chunks?: string[];
  /** Delay before the response (converse/invoke) or before the first event (stream). */
  latencyMs?: number;
  /** Delay between stream deltas. */
  chunkDelayMs?: number;
  /** Usage to report; defaults are ~4 characters per token of the request and the reply. */
  usage?: FakeUsage;
  stopReason?: string;
  /** Fail the next N requests with ThrottlingException (429). */
  throttle?: number;
  /** Fail the next `times` requests (default: all) with this exception. */
  fail?: { type: FakeErrorType; times?: number; message?: string };
  /** Stream: after this many deltas, send an exception event and end. */
  midStreamError?: { afterChunks: number; type?: string; message?: string };
  /** Stream: end without the `metadata` event (so no usage). */
  omitMetadata?: boolean;
  /** Answer 200 with a body that is not valid JSON / not a valid frame. */
  malformed?: boolean;
};

export type FakeRequestLog = {
  modelId: string;
  operation: 'converse' | 'converse-stream' | 'invoke';
  body: unknown;
  at: number;
};

export type FakeBedrock = {
  url: string;
  setModel(modelId: string, behavior: FakeModelBehavior): void;
  /** Behavior for models without their own. */
  setDefault(behavior: FakeModelBehavior): void;
  reset(): void;
  requests: FakeRequestLog[];
  /** Deltas actually written per stream, and whether the client went away before the end. */
  streams: { modelId: string; sentChunks: number; clientClosed: boolean }[];
  /** Highest number of concurrent requests seen (embedding concurrency checks). */
  maxConcurrent: number;
  close(): Promise<void>;
};

const codec = new EventStreamCodec(toUtf8, fromUtf8);

function frame(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'event' },
    },
    body: fromUtf8(JSON.stringify(payload)),
  });
}

function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return codec.encode({
    headers: {
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
      ':message-type': { type: 'string', value: 'exception' },
    },
    body: fromUtf8(JSON.stringify({ message })),
  });
}

const delay = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());
const estimate = (s: string) => Math.ceil(s.length / 4);

type Req = http.IncomingMessage;
type Res = http.ServerResponse;

function promptText(body: unknown): string {
  const b = body as { system?: { text?: string }[]; messages?: { content?: { text?: string }[] }[] };
  let s = '';
  for (const x of b.system ?? []) s += x.text ?? '';
  for (const m of b.messages ?? []) for (const c of m.content ?? []) s += c.text ?? '';
  return s;
}

export async function startFakeBedrock(): Promise<FakeBedrock> {
  const behaviors = new Map<string, FakeModelBehavior>();
  let fallback: FakeModelBehavior = {};
  const state: Pick<FakeBedrock, 'requests' | 'streams' | 'maxConcurrent'> = {
    requests: [],
    streams: [],
    maxConcurrent: 0,
  };
  let inFlight = 0;

  const sendError = (res: Res, type: FakeErrorType, message: string) => {
    const body = JSON.stringify({ message });
    res.writeHead(STATUS[type], {
      'content-type': 'application/json',
      'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
      'x-amzn-requestid': 'fake-request-id',
    });
    res.end(body);
  };

  const handle = async (req: Req, res: Res) => {
    inFlight++;
    state.maxConcurrent = Math.max(state.maxConcurrent, inFlight);
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const m = /^\/model\/([^/]+)\/(converse|converse-stream|invoke)$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !m) {
        sendError(res, 'ResourceNotFoundException', `No route for ${req.method} ${req.url}`);
        return;
      }
      const modelId = decodeURIComponent(m[1] as string);
      const operation = m[2] as FakeRequestLog['operation'];
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        sendError(res, 'ValidationException', 'Request body is not JSON');
        return;
      }
      state.requests.push({ modelId, operation, body, at: Date.now() });
      const b = behaviors.get(modelId) ?? fallback;

      if (b.throttle && b.throttle > 0) {
        b.throttle--;
        await delay(Math.min(b.latencyMs ?? 0, 5));
        sendError(res, 'ThrottlingException', 'Too many requests, please wait before trying again.');
        return;
      }
      if (b.fail && (b.fail.times === undefined || b.fail.times > 0)) {
        if (b.fail.times !== undefined) b.fail.times--;
        sendError(res, b.fail.type, b.fail.message ?? `Injected ${b.fail.type}`);
        return;
      }
      if (operation === 'invoke') return await invoke(res, modelId, body, b);

      const text = b.text ?? `This is a reply from ${modelId} on the fake Bedrock server.`;
      const input = b.usage?.inputTokens ?? estimate(promptText(body));
      const output = b.usage?.outputTokens ?? estimate(text);
      const usage = {
        inputTokens: input,
        outputTokens: output,
        totalTokens: input + output,
        ...(b.usage?.cacheReadInputTokens !== undefined && {
          cacheReadInputTokens: b.usage.cacheReadInputTokens,
        }),
        ...(b.usage?.cacheWriteInputTokens !== undefined && {
          cacheWriteInputTokens: b.usage.cacheWriteInputTokens,
        }),
      };
      await delay(b.latencyMs ?? 0);

      if (operation === 'converse') {
        if (b.malformed) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"output": {"message": ');
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': 'fake-request-id' });
        res.end(
          JSON.stringify({
            output: { message: { role: 'assistant', content: [{ text }] } },
            stopReason: b.stopReason ?? 'end_turn',
            usage,
            metrics: { latencyMs: b.latencyMs ?? 0 },
          }),
        );
        return;
      }

      // converse-stream
      const record = { modelId, sentChunks: 0, clientClosed: false };
      state.streams.push(record);
      let ended = false;
      res.on('close', () => {
        if (!ended) record.clientClosed = true;
      });
      res.writeHead(200, {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-requestid': 'fake-request-id',
      });
      const write = (bytes: Uint8Array) => {
        if (!record.clientClosed) res.write(bytes);
      };
      if (b.malformed) {
        write(fromUtf8('this is not an event stream frame at all........'));
        ended = true;
        res.end();
        return;
      }
      write(frame('messageStart', { role: 'assistant' }));
      const deltas = b.chunks ?? text.match(/.{1,12}/gs) ?? [];
      for (let i = 0; i < deltas.length; i++) {
        if (record.clientClosed) return;
        if (b.midStreamError && i === b.midStreamError.afterChunks) {
          write(
            exceptionFrame(
              b.midStreamError.type ?? 'modelStreamErrorException',
              b.midStreamError.message ?? 'Injected mid-stream failure',
            ),
          );
          ended = true;
          res.end();
          return;
        }
        if (i > 0) await delay(b.chunkDelayMs ?? 0);
        if (record.clientClosed) return;
        write(frame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: deltas[i] } }));
        record.sentChunks++;
      }
      write(frame('contentBlockStop', { contentBlockIndex: 0 }));
      write(frame('messageStop', { stopReason: b.stopReason ?? 'end_turn' }));
      if (!b.omitMetadata) write(frame('metadata', { usage, metrics: { latencyMs: b.latencyMs ?? 0 } }));
      ended = true;
      res.end();
    } finally {
      inFlight--;
    }
  };

  const invoke = async (res: Res, modelId: string, body: unknown, b: FakeModelBehavior) => {
    await delay(b.latencyMs ?? 0);
    if (b.malformed) {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('not json');
      return;
    }
    if (modelId.includes('cohere.embed')) {
      const req = body as { texts?: unknown; input_type?: unknown };
      if (!Array.isArray(req.texts) || req.texts.length === 0 || req.texts.length > 96) {
        sendError(res, 'ValidationException', 'texts must hold 1 to 96 strings');
        return;
      }
      if (req.input_type !== 'search_document' && req.input_type !== 'search_query') {
        sendError(res, 'ValidationException', 'input_type is required for v3 models');
        return;
      }
      const texts = req.texts as string[];
      const tokens = texts.reduce((s, t) => s + estimate(t), 0);
      res.writeHead(200, {
        'content-type': 'application/json',
        'x-amzn-bedrock-input-token-count': String(tokens),
      });
      res.end(
        JSON.stringify({
          id: 'fake',
          texts,
          embeddings: texts.map((t) => Array.from(localEmbed(`${req.input_type} ${t}`))),
          response_type: 'embeddings_floats',
        }),
      );
      return;
    }
    const req = body as { inputText?: unknown; dimensions?: unknown; normalize?: unknown };
    if (
      typeof req.inputText !== 'string' ||
      ![256, 512, 1024, undefined].includes(req.dimensions as number)
    ) {
      sendError(res, 'ValidationException', 'inputText is required; dimensions must be 256, 512 or 1024');
      return;
    }
    const tokens = estimate(req.inputText);
    const dims = (req.dimensions as number | undefined) ?? 1024;
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-amzn-bedrock-input-token-count': String(tokens),
    });
    res.end(
      JSON.stringify({
        embedding: Array.from(localEmbed(req.inputText).subarray(0, dims)),
        inputTextTokenCount: tokens,
      }),
    );
  };

  const onRequest = (req: Req, res: Res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) sendError(res, 'InternalServerException', String(err));
      else res.end();
    });
  };
  const server = http.createServer(onRequest);
  server.keepAliveTimeout = 60_000;
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return state.requests;
    },
    get streams() {
      return state.streams;
    },
    get maxConcurrent() {
      return state.maxConcurrent;
    },
    setModel: (id, behavior) => behaviors.set(id, behavior),
    setDefault: (behavior) => {
      fallback = behavior;
    },
    reset() {
      behaviors.clear();
      fallback = {};
      state.requests.length = 0;
      state.streams.length = 0;
      state.maxConcurrent = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Static credentials and region for a `BedrockProvider` pointed at the fake server. */
export const FAKE_AWS = {
  region: 'us-east-1',
  credentials: { accessKeyId: 'AKIDFAKE', secretAccessKey: 'fake-secret' },
} as const;
