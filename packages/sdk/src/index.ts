import type { AppRouter } from '@consailt/api';
import { createTRPCClient, httpBatchStreamLink, httpLink, splitLink, type TRPCClient } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import superjson from 'superjson';
import { ConsailtError, RateLimitedError } from './errors';
import { createTransportFetch, type FetchLike } from './fetch';

export * from './errors';
export type { FetchLike } from './fetch';

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type SearchInput = RouterInputs['search']['query'];
export type SearchResult = RouterOutputs['search']['query'];
export type AskInput = RouterInputs['ask']['send'];
/** One event of a streamed answer: start, sources, text (a delta), done (the stored answer). */
export type AskEvent = RouterOutputs['ask']['send'] extends AsyncIterable<infer E> ? E : never;
export type Answer = Extract<AskEvent, { type: 'done' }>['answer'] & { conversationId: string };
export type Entry = RouterOutputs['knowledge']['byId'];
export type CreateEntryInput = RouterInputs['knowledge']['create'];
export type UpdateEntryInput = RouterInputs['knowledge']['update'];
export type ListEntriesInput = RouterInputs['knowledge']['list'];
export type ImportedFile = RouterOutputs['files']['byId'];
export type ListNewsInput = RouterInputs['news']['list'];
export type ImportFileInput = Omit<RouterInputs['files']['upload'], 'contentBase64'> & {
  /** The file's bytes (or text). */
  data: Uint8Array | ArrayBuffer | string;
};

/** What `createConsailtClient` returns (declared, so the published types stand alone). */
export type ConsailtClient = {
  /** The full typed tRPC client: `trpc.knowledge.list.query(…)`; its errors are `TRPCClientError`s (`ConsailtError.from` converts). */
  trpc: TRPCClient<AppRouter>;
  /** Hybrid search (keyword + semantic) over knowledge and, with `filters.source`, news. */
  search(input: SearchInput, opts?: CallOptions): Promise<SearchResult>;
  /** A streamed answer with citations, as an async iterator of events. */
  ask(input: AskInput, opts?: CallOptions): AsyncGenerator<AskEvent>;
  /** Asks and waits for the whole answer. */
  askAndWait(input: AskInput, opts?: CallOptions): Promise<Answer>;
  getEntry(id: string, opts?: CallOptions): Promise<Entry>;
  listEntries(input?: ListEntriesInput, opts?: CallOptions): Promise<RouterOutputs['knowledge']['list']>;
  createEntry(input: CreateEntryInput, opts?: CallOptions): Promise<RouterOutputs['knowledge']['create']>;
  updateEntry(input: UpdateEntryInput, opts?: CallOptions): Promise<RouterOutputs['knowledge']['update']>;
  /** Uploads a document (.md .txt .html .pdf .docx, ≤ 10 MB); it becomes an entry in a background job. */
  importFile(input: ImportFileInput, opts?: CallOptions): Promise<RouterOutputs['files']['upload']>;
  /** Polls an imported file until it is `completed` (with its `entryId`) or `failed` (with `error`). */
  waitForImport(
    id: string,
    opts?: CallOptions & { intervalMs?: number; timeoutMs?: number },
  ): Promise<ImportedFile>;
  listNews(input?: ListNewsInput, opts?: CallOptions): Promise<RouterOutputs['news']['list']>;
  listEngagements(opts?: CallOptions): Promise<RouterOutputs['engagements']['list']>;
  usage(input?: RouterInputs['ai']['usage'], opts?: CallOptions): Promise<RouterOutputs['ai']['usage']>;
};

export type ConsailtClientOptions = {
  /** The Consailt web app, e.g. https://app.consailt.example */
  baseUrl: string;
  /** An organization API key (`csk_…`), sent as `Authorization: Bearer <key>`. */
  apiKey?: string;
  /** Per request (for streams: until the response starts). Default 30 000 ms. */
  timeoutMs?: number;
  /** Retries of a 429 answer, each after its Retry-After. Default 3. */
  maxRetries?: number;
  /** Longest wait for one retry. Default 60 000 ms. */
  maxRetryDelayMs?: number;
  /** Extra headers, e.g. `X-Consailt-Org` or a session cookie for tools running beside the app. */
  headers?: Record<string, string>;
  /** A fetch implementation (default: the global fetch of Node 20+ or the browser). */
  fetch?: FetchLike;
};

/** Per-call options: cancel with an AbortSignal. */
export type CallOptions = { signal?: AbortSignal };

// Procedures that return an async iterable need the streaming link.
const STREAMING = new Set(['ask.send', 'ask.regenerate', 'insights.run']);

function toBase64(data: Uint8Array | ArrayBuffer | string): string {
  const bytes =
    typeof data === 'string'
      ? new TextEncoder().encode(data)
      : data instanceof Uint8Array
        ? data
        : new Uint8Array(data);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function wrap<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw ConsailtError.from(error);
  }
}

/**
 * A Consailt client: `trpc` is the whole API typed from the server's `AppRouter` (superjson, so
 * dates are `Date`s); the helpers cover the common jobs and throw typed `ConsailtError`s.
 */
export function createConsailtClient(options: ConsailtClientOptions): ConsailtClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  const transport = {
    fetch: options.fetch ?? ((url, init) => globalThis.fetch(url, init)),
    timeoutMs: options.timeoutMs ?? 30_000,
    maxRetries: options.maxRetries ?? 3,
    maxRetryDelayMs: options.maxRetryDelayMs ?? 60_000,
  } satisfies Partial<Parameters<typeof createTransportFetch>[0]>;
  const headers = () => ({
    ...options.headers,
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  });
  const url = `${base}/api/trpc`;
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => STREAMING.has(op.path),
        true: httpBatchStreamLink({
          url,
          transformer: superjson,
          headers,
          maxItems: 1,
          fetch: createTransportFetch({ ...transport, stream: true }),
        }),
        false: httpLink({
          url,
          transformer: superjson,
          headers,
          fetch: createTransportFetch({ ...transport, stream: false }),
        }),
      }),
    ],
  });

  /** Streams an answer; a 429 before the first event is retried after its Retry-After. */
  async function* ask(input: AskInput, opts: CallOptions = {}): AsyncGenerator<AskEvent> {
    let stream: AsyncIterable<AskEvent> | undefined;
    for (let attempt = 0; !stream; attempt++) {
      try {
        stream = (await trpc.ask.send.mutate(input, opts)) as AsyncIterable<AskEvent>;
      } catch (error) {
        const typed = ConsailtError.from(error);
        if (!(typed instanceof RateLimitedError) || attempt >= transport.maxRetries) throw typed;
        await new Promise((r) =>
          setTimeout(r, Math.min(typed.retryAfterSeconds * 1000, transport.maxRetryDelayMs)),
        );
      }
    }
    try {
      for await (const event of stream) yield event;
    } catch (error) {
      throw ConsailtError.from(error);
    }
  }

  return {
    /** The full typed tRPC client: `trpc.knowledge.list.query(…)`; errors are `TRPCClientError`s (see `ConsailtError.from`). */
    trpc,
    /** Hybrid search (keyword + semantic) over knowledge and, with `filters.source`, news. */
    search: (input: SearchInput, opts?: CallOptions) => wrap(() => trpc.search.query.query(input, opts)),
    /** A streamed answer with citations, as an async iterator of events. */
    ask,
    /** Asks and waits for the whole answer. */
    askAndWait: async (input: AskInput, opts?: CallOptions): Promise<Answer> => {
      let conversationId = '';
      for await (const event of ask(input, opts)) {
        if (event.type === 'start') conversationId = event.conversationId;
        if (event.type === 'done') return { ...event.answer, conversationId };
      }
      throw new ConsailtError('The answer stream ended early', { code: 'INCOMPLETE', status: 0 });
    },
    getEntry: (id: string, opts?: CallOptions) => wrap(() => trpc.knowledge.byId.query({ id }, opts)),
    listEntries: (input: ListEntriesInput = {}, opts?: CallOptions) =>
      wrap(() => trpc.knowledge.list.query(input, opts)),
    createEntry: (input: CreateEntryInput, opts?: CallOptions) =>
      wrap(() => trpc.knowledge.create.mutate(input, opts)),
    updateEntry: (input: UpdateEntryInput, opts?: CallOptions) =>
      wrap(() => trpc.knowledge.update.mutate(input, opts)),
    /** Uploads a document (.md .txt .html .pdf .docx, ≤ 10 MB); it becomes an entry in a background job. */
    importFile: (
      input: Omit<RouterInputs['files']['upload'], 'contentBase64'> & {
        data: Uint8Array | ArrayBuffer | string;
      },
      opts?: CallOptions,
    ) => {
      const { data, ...rest } = input;
      return wrap(() => trpc.files.upload.mutate({ ...rest, contentBase64: toBase64(data) }, opts));
    },
    /** Polls an imported file until it is `completed` (with its `entryId`) or `failed` (with `error`). */
    waitForImport: async (
      id: string,
      opts: CallOptions & { intervalMs?: number; timeoutMs?: number } = {},
    ) => {
      const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
      for (;;) {
        const file = await wrap(() => trpc.files.byId.query({ id }, opts));
        if (file.status === 'completed' || file.status === 'failed') return file;
        if (Date.now() > deadline)
          throw new ConsailtError(`Import ${id} still ${file.status}`, { code: 'TIMEOUT', status: 0 });
        await new Promise((r) => setTimeout(r, opts.intervalMs ?? 500));
      }
    },
    listNews: (input: ListNewsInput = {}, opts?: CallOptions) =>
      wrap(() => trpc.news.list.query(input, opts)),
    listEngagements: (opts?: CallOptions) => wrap(() => trpc.engagements.list.query(undefined, opts)),
    usage: (input: RouterInputs['ai']['usage'] = {}, opts?: CallOptions) =>
      wrap(() => trpc.ai.usage.query(input, opts)),
  };
}
