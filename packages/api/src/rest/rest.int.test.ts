import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RestError } from './errors';
import { type ApiFixture, startApiFixture } from './fixture';

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }>
  >;
};

type Page = { items: { id: string }[]; nextCursor: string | null };

describe('REST /api/v1 (OpenAPI)', () => {
  let f: ApiFixture;
  let doc: Doc;
  let ajv: Ajv2020;

  beforeAll(async () => {
    f = await startApiFixture();
    const res = await fetch(`${f.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Doc;
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(doc, 'doc');
  });
  afterAll(() => f?.close());

  const call = (method: string, path: string, body?: unknown, key: string | null = f.fullKey) =>
    fetch(`${f.url}/api/v1${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Checks a response against the schema the document declares for this route and status. */
  async function expectDocumented<T>(
    res: Response,
    route: string,
    method: string,
    status: number,
  ): Promise<T> {
    expect(res.status, `${method.toUpperCase()} ${route}`).toBe(status);
    const body = (await res.json()) as T;
    const pointer = `doc#/paths/${route.replaceAll('~', '~0').replaceAll('/', '~1')}/${method}/responses/${status}/content/application~1json/schema`;
    const validate = ajv.compile({ $ref: pointer });
    expect(validate(body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    return body;
  }

  it('serves a document that validates against the OpenAPI 3 schema', async () => {
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        '/ask',
        '/engagements',
        '/engagements/{id}',
        '/files',
        '/files/{id}',
        '/knowledge',
        '/knowledge/query',
        '/knowledge/{id}',
        '/news',
        '/news/{id}',
        '/search',
        '/usage',
      ].sort(),
    );
  });

  it('answers every documented route as documented', async () => {
    const created = await expectDocumented<{ id: string }>(
      await call('POST', '/knowledge', {
        title: 'Pricing lesson',
        body: 'Fixed fees need a change budget.',
        tags: ['pricing'],
      }),
      '/knowledge',
      'post',
      200,
    );
    const entry = await expectDocumented<{ title: string; createdAt: string }>(
      await call('GET', `/knowledge/${created.id}`),
      '/knowledge/{id}',
      'get',
      200,
    );
    expect(entry.title).toBe('Pricing lesson');
    expect(entry.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const updated = await expectDocumented<{ version: number }>(
      await call('PATCH', `/knowledge/${created.id}`, { title: 'Pricing lesson (fixed fees)' }),
      '/knowledge/{id}',
      'patch',
      200,
    );
    expect(updated.version).toBe(2);
    const page = await expectDocumented<Page>(
      await call('POST', '/knowledge/query', { limit: 1 }),
      '/knowledge/query',
      'post',
      200,
    );
    expect(page.items).toHaveLength(1);
    expect(typeof page.nextCursor).toBe('string');
    const next = await expectDocumented<Page>(
      await call('POST', '/knowledge/query', { limit: 1, cursor: page.nextCursor }),
      '/knowledge/query',
      'post',
      200,
    );
    expect(next.items[0]?.id).not.toBe(page.items[0]?.id);

    const search = await expectDocumented<Page>(
      await call('POST', '/search', { query: 'shadow a partner' }),
      '/search',
      'post',
      200,
    );
    expect(search.items[0]?.id).toBe(f.entryId);
    const answer = await expectDocumented<{ content: string; citations: { entryId: string }[] }>(
      await call('POST', '/ask', { question: 'When do new consultants shadow a partner?' }),
      '/ask',
      'post',
      200,
    );
    expect(answer.content).toContain('week two');
    expect(answer.citations[0]?.entryId).toBe(f.entryId);

    const engagements = await expectDocumented<{ id: string }[]>(
      await call('GET', '/engagements'),
      '/engagements',
      'get',
      200,
    );
    expect(engagements.map((e) => e.id)).toContain(f.engagementId);
    await expectDocumented(
      await call('GET', `/engagements/${f.engagementId}`),
      '/engagements/{id}',
      'get',
      200,
    );
    const news = await expectDocumented<Page>(await call('GET', '/news?limit=5'), '/news', 'get', 200);
    expect(news.items.map((a) => a.id)).toContain(f.articleId);
    await expectDocumented(await call('GET', `/news/${f.articleId}`), '/news/{id}', 'get', 200);
    const usage = await expectDocumented<{ totals: { calls: number } }>(
      await call('GET', '/usage'),
      '/usage',
      'get',
      200,
    );
    expect(usage.totals.calls).toBeGreaterThan(0);
    const file = await expectDocumented<{ id: string }>(
      await call('POST', '/files', {
        filename: 'notes.md',
        contentBase64: Buffer.from('# Kickoff\n\nAgenda and owners.').toString('base64'),
      }),
      '/files',
      'post',
      200,
    );
    await expectDocumented(await call('GET', `/files/${file.id}`), '/files/{id}', 'get', 200);
  });

  it('streams /ask as server-sent events when asked to', async () => {
    const res = await fetch(`${f.url}/api/v1/ask`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${f.fullKey}`,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      body: JSON.stringify({ question: 'When do new consultants shadow a partner?' }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const text = await res.text();
    expect(text.startsWith('event: start\n')).toBe(true);
    expect(text).toContain('event: text\n');
    expect(text).toContain('event: done\n');
  });

  it('answers errors with the one documented error shape and status', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const cases: [Response, string, string, number, RegExp][] = [
      [
        await call('GET', `/knowledge/${f.entryId}`, undefined, null),
        '/knowledge/{id}',
        'get',
        401,
        /Sign in|API key/,
      ],
      [
        await call('GET', `/knowledge/${f.entryId}`, undefined, 'csk_bogus_key'),
        '/knowledge/{id}',
        'get',
        401,
        /Invalid API key/,
      ],
      [
        await call('POST', '/knowledge', { title: 'x' }, f.readKey),
        '/knowledge',
        'post',
        403,
        /knowledge:write/,
      ],
      [await call('POST', '/ask', { question: 'hi' }, f.readKey), '/ask', 'post', 403, /ai:use/],
      [await call('GET', `/knowledge/${missing}`), '/knowledge/{id}', 'get', 404, /not found/i],
      [await call('GET', '/knowledge/not-a-uuid'), '/knowledge/{id}', 'get', 400, /id: id must be a UUID/],
      [
        await call('POST', '/knowledge', { title: '' }),
        '/knowledge',
        'post',
        400,
        /title: Title is required/,
      ],
      [await call('POST', '/search', { query: 'x', limit: 'lots' }), '/search', 'post', 400, /limit/],
    ];
    for (const [res, route, method, status, message] of cases) {
      const body = await expectDocumented<{ error: { status: number; message: string } }>(
        res,
        route,
        method,
        status,
      );
      expect(body.error.status).toBe(status);
      expect(body.error.message).toMatch(message);
    }
    const unknownRoute = await call('GET', '/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(((await unknownRoute.json()) as RestError).error.code).toBe('NOT_FOUND');
    const badJson = await fetch(`${f.url}/api/v1/knowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.fullKey}`, 'content-type': 'application/json' },
      body: '{"title":',
    });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as RestError).error.message).toMatch(/not valid JSON/);
    const wrongType = await fetch(`${f.url}/api/v1/knowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.fullKey}`, 'content-type': 'text/plain' },
      body: 'title',
    });
    expect(wrongType.status).toBe(415);
  });

  it('ignores session cookies: REST is for API keys', async () => {
    const { sessionCookie } = await import('../testing');
    const res = await fetch(`${f.url}/api/v1/engagements`, {
      headers: { cookie: sessionCookie(f.runtime, f.ownerId, f.orgId) },
    });
    expect(res.status).toBe(401);
  });
});
