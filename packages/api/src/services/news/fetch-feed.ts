import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { assertAddressAllowed, BlockedAddressError } from './address-guard';
import type { FeedFetchConfig } from './config';

export type ResolvedAddress = { address: string; family: number };
/** DNS resolution; injectable so tests can make a name resolve to a private range without DNS. */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;
const systemResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

export type FetchValidators = { etag?: string | null; lastModified?: string | null };
export type FetchResult =
  | { kind: 'not-modified'; url: string }
  | {
      kind: 'ok';
      url: string;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    };

/** A fetch that failed in a way worth showing on the feed (never carries internals or stacks). */
export class FeedFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Only http(s), and no credentials in the URL (they would be sent to every redirect target). */
export function parseFeedUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeedFetchError(`Not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FeedFetchError(`Only http and https feeds are supported, not ${url.protocol}`);
  if (url.username || url.password) throw new FeedFetchError('Feed URLs may not contain credentials');
  return url;
}

function request(
  url: URL,
  validators: FetchValidators,
  config: FeedFetchConfig,
  resolve: Resolver,
  signal: AbortSignal,
): Promise<http.IncomingMessage> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  // A literal address never reaches `lookup`: check it here, before any connection.
  if (isIP(host)) assertAddressAllowed(host, host, config);
  // We resolve, check every address, and hand Node only checked ones: the socket connects to
  // exactly what was checked, so a DNS answer cannot change between the check and the connect.
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolve(hostname)
      .then((addresses) => {
        const first = addresses[0];
        if (!first) throw new FeedFetchError(`${hostname} did not resolve`);
        for (const a of addresses) assertAddressAllowed(hostname, a.address, config);
        if (options.all) callback(null, addresses);
        else callback(null, first.address, first.family);
      })
      .catch((err: Error) => callback(err as NodeJS.ErrnoException, '', 0));
  };
  const headers: Record<string, string> = {
    'user-agent': config.userAgent,
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
    'accept-encoding': 'gzip, deflate, br',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolvePromise, reject) => {
    const req = mod.request(url, { method: 'GET', headers, lookup, signal, agent: false }, resolvePromise);
    req.on('error', reject);
    req.end();
  });
}

/** Reads the (decompressed) body, aborting as soon as it passes `maxBytes`. */
async function readBody(res: http.IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new FeedFetchError(`Feed is larger than ${(maxBytes / 1024 / 1024).toFixed(1)} MB`);
  if (Number(res.headers['content-length'] ?? 0) > maxBytes) {
    res.destroy();
    throw tooLarge();
  }
  const encoding = String(res.headers['content-encoding'] ?? '')
    .trim()
    .toLowerCase();
  let stream: Readable = res;
  if (encoding === 'gzip' || encoding === 'x-gzip') stream = res.pipe(createGunzip());
  else if (encoding === 'deflate') stream = res.pipe(createInflate());
  else if (encoding === 'br') stream = res.pipe(createBrotliDecompress());
  else if (encoding !== '' && encoding !== 'identity')
    throw new FeedFetchError(`Unsupported content encoding ${encoding}`);
  if (stream !== res) res.on('error', (err) => stream.destroy(err));
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      total += (chunk as Buffer).length;
      // Counted after decompression, so a small compressed bomb is stopped too.
      if (total > maxBytes) throw tooLarge();
      parts.push(chunk as Buffer);
    }
  } finally {
    if (total > maxBytes || !res.complete) res.destroy();
  }
  return Buffer.concat(parts);
}

function describe(error: unknown): FeedFetchError {
  if (error instanceof FeedFetchError) return error;
  if (error instanceof BlockedAddressError) return new FeedFetchError(error.message);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new FeedFetchError('Host not found');
    case 'ECONNREFUSED':
      return new FeedFetchError('Connection refused');
    case 'ECONNRESET':
    case 'ERR_STREAM_PREMATURE_CLOSE':
      return new FeedFetchError('Connection closed before the feed was complete');
    case 'Z_DATA_ERROR':
    case 'Z_BUF_ERROR':
      return new FeedFetchError('Corrupt compressed response');
    default:
      if (code?.startsWith('ERR_TLS') || code?.includes('CERT'))
        return new FeedFetchError(`TLS error (${code})`);
      return new FeedFetchError(`Fetch failed${code ? ` (${code})` : ''}`);
  }
}

/**
 * Fetch a feed: conditional GET (ETag, Last-Modified), redirects followed by hand (each target's
 * address checked again), one deadline for the whole exchange including the body, a size limit
 * enforced while streaming, and a user agent that names us. Failures throw `FeedFetchError`.
 */
export async function fetchFeed(
  rawUrl: string,
  validators: FetchValidators,
  config: FeedFetchConfig,
  opts: { resolve?: Resolver; signal?: AbortSignal } = {},
): Promise<FetchResult> {
  const controller = new AbortController();
  const timeout = new FeedFetchError(`Timed out after ${config.timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timeout), config.timeoutMs);
  const cancel = () => controller.abort(new FeedFetchError('Cancelled'));
  opts.signal?.addEventListener('abort', cancel, { once: true });
  try {
    let url = parseFeedUrl(rawUrl);
    for (let hop = 0; ; hop++) {
      const res = await request(url, validators, config, opts.resolve ?? systemResolver, controller.signal);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.resume();
        const location = res.headers.location;
        if (!location) throw new FeedFetchError(`HTTP ${status} without a Location header`);
        if (hop >= config.maxRedirects)
          throw new FeedFetchError(`Too many redirects (more than ${config.maxRedirects})`);
        url = parseFeedUrl(new URL(location, url).toString());
        continue;
      }
      if (status === 304) {
        res.resume();
        return { kind: 'not-modified', url: url.toString() };
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw new FeedFetchError(`HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''}`);
      }
      const body = await readBody(res, config.maxBytes);
      return {
        kind: 'ok',
        url: url.toString(),
        body,
        contentType: res.headers['content-type'] ?? null,
        etag: typeof res.headers.etag === 'string' ? res.headers.etag : null,
        lastModified: res.headers['last-modified'] ?? null,
      };
    }
  } catch (error) {
    const reason = controller.signal.reason;
    throw describe(controller.signal.aborted && reason instanceof FeedFetchError ? reason : error);
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', cancel);
  }
}
