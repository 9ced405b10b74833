import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { createInnerContext, createLogger, createTRPCRouter, publicProcedure } from '@consailt/api';
import { createInProcessQueue } from '@consailt/api/queue';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushSentry, initSentry } from './sentry';

/** A local server speaking Sentry's envelope endpoint: POST /api/<project>/envelope/. */
function startEnvelopeServer() {
  const envelopes: string[] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (c: Buffer) => parts.push(c));
    req.on('end', () => {
      let body = Buffer.concat(parts);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      if (req.url?.includes('/envelope/')) envelopes.push(body.toString('utf8'));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  return { server, envelopes };
}

const SECRET_EMAIL = 'olivia.chen@contoso-retail.example';
const TOKEN = 'Bearer csk_live_0123456789abcdef';

describe('Sentry error reporting (local envelope server)', () => {
  let server: Server;
  let envelopes: string[];

  beforeAll(async () => {
    ({ server, envelopes } = startEnvelopeServer());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    expect(
      initSentry({ dsn: `http://publickey@127.0.0.1:${port}/42`, environment: 'test', release: 't' }),
    ).toBe(true);
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
  });

  it('is off when SENTRY_DSN is not set', () => {
    expect(initSentry({ dsn: undefined, environment: 'test', release: 't' })).toBe(false);
  });

  it('reports an unhandled error in a procedure, scrubbed, and hides it from the client', async () => {
    const marker = randomUUID();
    const router = createTRPCRouter({
      boom: publicProcedure.query(() => {
        throw new Error(`lookup ${marker} failed for ${SECRET_EMAIL} with ${TOKEN}`);
      }),
    });
    const logger = createLogger('silent');
    const ctx = createInnerContext({
      runtime: { deps: {} as never, env: {} as never, logger },
      principal: null,
      headers: new Headers({ cookie: 'consailt_session=abc', authorization: TOKEN }),
    });
    const error = await router
      .createCaller(ctx)
      .boom()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('INTERNAL_SERVER_ERROR');
    await flushSentry();
    const sent = envelopes.find((e) => e.includes(marker));
    expect(sent, 'an envelope carrying the error').toBeDefined();
    expect(sent).toContain('[redacted-email]');
    expect(sent).not.toContain(SECRET_EMAIL);
    expect(sent).not.toContain('csk_live_0123456789abcdef');
  });

  it('reports a job that fails its last attempt, scrubbed', async () => {
    const marker = randomUUID();
    const queue = createInProcessQueue({
      processors: {
        'entry-stats': async () => {
          throw new Error(`job ${marker} broke on ${SECRET_EMAIL}`);
        },
      },
      concurrency: () => 1,
      attempts: 1,
      backoffMs: 1,
      logger: createLogger('silent'),
    });
    queue.start();
    await queue.enqueue('entry-stats', { orgId: randomUUID(), entryId: randomUUID() });
    await queue.drain();
    await queue.close();
    await flushSentry();
    const sent = envelopes.find((e) => e.includes(marker));
    expect(sent, 'an envelope carrying the job error').toBeDefined();
    expect(sent).toContain('entry-stats');
    expect(sent).not.toContain(SECRET_EMAIL);
  });
});
