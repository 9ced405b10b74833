import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedFetchConfig } from './config';
import { FeedFetchError, fetchFeed, type Resolver } from './fetch-feed';
import { type FeedServer, startFeedServer } from './test-server';

const config: FeedFetchConfig = {
  timeoutMs: 1500,
  maxBytes: 5 * 1024 * 1024,
  maxRedirects: 3,
  maxConsecutiveFailures: 3,
  // The test server is on loopback: allowed only through the allow-list, like in production.
  allowPrivateCidrs: ['127.0.0.1/32'],
  allowHosts: [],
  userAgent: 'ConsailtFeedFetcher/test (+https://consailt.com/docs/feeds)',
};

describe('fetchFeed against a local server', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => {
        throw new Error('expected the fetch to fail');
      },
      (e: unknown) => e as Error,
    );

  it('fetches with a clear user agent and honours ETag / If-Modified-Since (304)', async () => {
    const first = await fetchFeed(server.url('/heise.atom'), {}, config);
    expect(first).toMatchObject({
      kind: 'ok',
      etag: '"heise-1"',
      lastModified: 'Mon, 01 Feb 2016 16:30:00 GMT',
    });
    const req = server.requests.at(-1);
    expect(req?.headers['user-agent']).toMatch(/^ConsailtFeedFetcher\//);
    const second = await fetchFeed(
      server.url('/heise.atom'),
      { etag: '"heise-1"', lastModified: 'Mon, 01 Feb 2016 16:30:00 GMT' },
      config,
    );
    expect(second.kind).toBe('not-modified');
    expect(server.requests.at(-1)?.headers).toMatchObject({
      'if-none-match': '"heise-1"',
      'if-modified-since': 'Mon, 01 Feb 2016 16:30:00 GMT',
    });
  });

  it('follows a redirect and decompresses gzip', async () => {
    expect(await fetchFeed(server.url('/moved'), {}, config)).toMatchObject({
      kind: 'ok',
      url: server.url('/heise.atom'),
    });
    const gz = await fetchFeed(server.url('/gzip.rss'), {}, config);
    expect(gz.kind === 'ok' && gz.body.toString('utf8')).toContain('FAQ for Narro');
  });

  it('reports HTTP errors, redirect loops and hanging servers', async () => {
    expect((await failure(fetchFeed(server.url('/500'), {}, config))).message).toBe(
      'HTTP 500 Internal Server Error',
    );
    expect((await failure(fetchFeed(server.url('/loop'), {}, config))).message).toBe(
      'Too many redirects (more than 3)',
    );
    const started = Date.now();
    const hang = await failure(fetchFeed(server.url('/hang'), {}, { ...config, timeoutMs: 300 }));
    expect(hang).toBeInstanceOf(FeedFetchError);
    expect(hang.message).toBe('Timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('aborts a 50 MB body once it passes the size limit', async () => {
    const started = Date.now();
    const error = await failure(fetchFeed(server.url('/huge'), {}, config));
    expect(error.message).toBe('Feed is larger than 5.0 MB');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('refuses private, loopback, link-local and non-http targets before connecting', async () => {
    const before = server.requests.length;
    for (const url of [
      'http://10.0.0.1/feed.xml',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/feed',
      'http://[fd00::1]/feed',
      'http://100.64.0.1/feed',
      'http://224.0.0.1/feed',
      'http://[::ffff:10.0.0.1]/feed',
    ]) {
      const error = await failure(fetchFeed(url, {}, config));
      expect(error.message, url).toMatch(/private or reserved address/);
    }
    expect((await failure(fetchFeed('file:///etc/passwd', {}, config))).message).toMatch(
      /Only http and https/,
    );
    // Loopback without the allow-list entry is refused too.
    const strict = { ...config, allowPrivateCidrs: [] };
    expect((await failure(fetchFeed(server.url('/heise.atom'), {}, strict))).message).toMatch(/private/);
    expect(server.requests.length).toBe(before);
  });

  it('checks the address a host name resolves to, and every redirect target', async () => {
    const seen: string[] = [];
    const resolve: Resolver = async (host) => {
      seen.push(host);
      return host === 'intranet.example.test'
        ? [{ address: '10.1.2.3', family: 4 }]
        : [{ address: '127.0.0.1', family: 4 }];
    };
    const port = new URL(server.url('/')).port;
    const error = await failure(
      fetchFeed(`http://intranet.example.test:${port}/heise.atom`, {}, config, { resolve }),
    );
    expect(error.message).toBe(
      'Refused to fetch intranet.example.test: 10.1.2.3 is a private or reserved address',
    );
    // A public-looking name that resolves to an allowed address connects to exactly that address.
    const ok = await fetchFeed(`http://feeds.example.test:${port}/heise.atom`, {}, config, { resolve });
    expect(ok.kind).toBe('ok');
    expect(seen).toEqual(['intranet.example.test', 'feeds.example.test']);
    const redirected = await failure(fetchFeed(server.url('/to-private'), {}, config));
    expect(redirected.message).toMatch(/10\.0\.0\.1 is a private or reserved address/);
  });
});
