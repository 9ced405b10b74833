import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
export const fixture = (name: string) => readFileSync(path.join(fixtures, name));

export type FeedServer = {
  url: (p: string) => string;
  requests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  /** Replace what a path serves (status, headers, body). */
  set: (
    p: string,
    res: { status?: number; headers?: Record<string, string>; body?: Buffer | string },
  ) => void;
  close: () => Promise<void>;
};

/**
 * A local server speaking plain HTTP with the hostile cases feeds meet on the internet: 304 for a
 * matching ETag, 500, a redirect loop, a server that never answers, a 50 MB body generated while
 * streaming (never stored), an HTML page, and a redirect to a private address.
 */
export async function startFeedServer(): Promise<FeedServer> {
  const requests: FeedServer['requests'] = [];
  const custom = new Map<
    string,
    { status?: number; headers?: Record<string, string>; body?: Buffer | string }
  >();
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const p = (req.url ?? '/').split('?')[0] ?? '/';
    requests.push({ path: p, headers: req.headers });
    const c = custom.get(p);
    if (c) {
      const etag = c.headers?.etag;
      if (etag && req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
      res.writeHead(c.status ?? 200, { 'content-type': 'application/rss+xml', ...c.headers });
      return void res.end(c.body ?? '');
    }
    switch (p) {
      case '/heise.atom': {
        if (req.headers['if-none-match'] === '"heise-1"') return void res.writeHead(304).end();
        res.writeHead(200, {
          'content-type': 'application/atom+xml; charset=utf-8',
          etag: '"heise-1"',
          'last-modified': 'Mon, 01 Feb 2016 16:30:00 GMT',
        });
        return void res.end(fixture('heise.atom'));
      }
      case '/gzip.rss':
        res.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' });
        return void res.end(gzipSync(fixture('narro.rss')));
      case '/500':
        return void res.writeHead(500).end('oops');
      case '/loop':
        return void res.writeHead(302, { location: '/loop' }).end();
      case '/moved':
        return void res.writeHead(301, { location: '/heise.atom' }).end();
      case '/to-private':
        return void res.writeHead(302, { location: 'http://10.0.0.1/feed.xml' }).end();
      case '/html':
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<!DOCTYPE html><html><head><title>Shop</title></head><body>Buy</body></html>');
      case '/hang':
        hanging.add(res);
        return; // never answers
      case '/huge': {
        // 50 MB, generated while streaming with backpressure: nothing of this size is stored.
        res.writeHead(200, { 'content-type': 'application/rss+xml' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < 50 * 1024 * 1024) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => {
          sent = Number.POSITIVE_INFINITY;
        });
        res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>');
        return pump();
      }
      default:
        return void res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: (p) => `http://127.0.0.1:${port}${p}`,
    requests,
    set: (p, res) => custom.set(p, res),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
