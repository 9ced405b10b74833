import { AbortedError, TimeoutError } from './errors';

export type FetchLike = (url: string | URL | Request, init?: RequestInit) => Promise<Response>;

export type TransportOptions = {
  fetch: FetchLike;
  timeoutMs: number;
  maxRetries: number;
  maxRetryDelayMs: number;
  /** Streams: the timeout covers the wait for response headers, not the whole answer. */
  stream: boolean;
};

/** Retry-After is seconds or an HTTP date; anything unreadable waits one second. */
export function retryDelayMs(header: string | null, maxMs: number): number {
  const seconds = Number(header);
  let ms = Number.isFinite(seconds) && header !== null && header.trim() !== '' ? seconds * 1000 : Number.NaN;
  if (Number.isNaN(ms) && header) ms = Date.parse(header) - Date.now();
  if (Number.isNaN(ms)) ms = 1000;
  return Math.min(Math.max(ms, 0), maxMs);
}

function sleep(ms: number, signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError(signal.reason));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new AbortedError(signal?.reason));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * fetch with a timeout, the caller's AbortSignal, and retries of 429 answers after Retry-After.
 * A 429 is safe to repeat even for mutations: the rate limiter refuses before the procedure runs.
 */
export function createTransportFetch(opts: TransportOptions): FetchLike {
  return async (url, init) => {
    const userSignal = init?.signal ?? null;
    for (let attempt = 0; ; attempt++) {
      if (userSignal?.aborted) throw new AbortedError(userSignal.reason);
      const controller = new AbortController();
      const onAbort = () => controller.abort(userSignal?.reason);
      userSignal?.addEventListener('abort', onAbort, { once: true });
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, opts.timeoutMs);
      let keepListener = false;
      try {
        const res = await opts.fetch(url, { ...init, signal: controller.signal });
        if (res.status === 429 && attempt < opts.maxRetries) {
          await res.body?.cancel().catch(() => {});
          clearTimeout(timer);
          await sleep(retryDelayMs(res.headers.get('retry-after'), opts.maxRetryDelayMs), userSignal);
          continue;
        }
        if (opts.stream) {
          // The caller may still abort the stream while it reads it.
          keepListener = true;
          return res;
        }
        // Read the whole body under the timeout; statuses without a body must get none.
        const body = [101, 204, 205, 304].includes(res.status) ? null : await res.arrayBuffer();
        return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
      } catch (error) {
        if (timedOut) throw new TimeoutError(opts.timeoutMs);
        if (userSignal?.aborted) throw new AbortedError(userSignal.reason);
        throw error;
      } finally {
        clearTimeout(timer);
        if (!keepListener) userSignal?.removeEventListener('abort', onAbort);
      }
    }
  };
}
