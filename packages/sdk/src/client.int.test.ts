import { type ApiFixture, startApiFixture } from '@consailt/api/api-fixture';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AbortedError,
  type AskEvent,
  AuthenticationError,
  BudgetExceededError,
  ConflictError,
  ConsailtError,
  createConsailtClient,
  NotFoundError,
  PermissionError,
  RateLimitedError,
  TimeoutError,
  ValidationError,
} from './index';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe('SDK against a running API', () => {
  let f: ApiFixture;
  let sdk: ReturnType<typeof createConsailtClient>;

  beforeAll(async () => {
    f = await startApiFixture();
    sdk = createConsailtClient({ baseUrl: `${f.url}/`, apiKey: f.fullKey });
  });
  afterAll(() => f?.close());

  it('creates, reads, updates and lists entries', async () => {
    const { id } = await sdk.createEntry({
      title: 'Pricing lesson',
      body: 'Fixed fees need a change budget.',
      tags: ['pricing'],
    });
    const entry = await sdk.getEntry(id);
    expect(entry).toMatchObject({ title: 'Pricing lesson', version: 1 });
    expect(entry.createdAt).toBeInstanceOf(Date); // superjson
    const updated = await sdk.updateEntry({
      id,
      body: 'Fixed fees need a change budget of 15%.',
      expectedVersion: 1,
    });
    expect(updated).toMatchObject({ id, version: 2, contentChanged: true });
    const page = await sdk.listEntries({ limit: 1 });
    expect(page.items).toHaveLength(1);
    const next = await sdk.listEntries({ limit: 1, cursor: page.nextCursor });
    expect(next.items[0]?.id).not.toBe(page.items[0]?.id);
    await expect(sdk.updateEntry({ id, title: 'stale', expectedVersion: 1 })).rejects.toBeInstanceOf(
      ConflictError,
    );
  });

  it('searches, lists engagements and news, and reports usage', async () => {
    const found = await sdk.search({ query: 'shadow a partner' });
    expect(found.items[0]?.id).toBe(f.entryId);
    expect(await sdk.listEngagements()).toEqual([expect.objectContaining({ id: f.engagementId })]);
    const news = await sdk.listNews({ limit: 5 });
    expect(news.items.map((a) => a.id)).toContain(f.articleId);
    const usage = await sdk.usage();
    expect(usage.from).toBeInstanceOf(Date);
    // The raw typed client is there for everything else.
    expect((await sdk.trpc.orgs.current.query()).id).toBe(f.orgId);
  });

  it('streams an answer as an async iterator, and waits for one', async () => {
    const events: AskEvent[] = [];
    for await (const event of sdk.ask({ question: 'When do new consultants shadow a partner?' }))
      events.push(event);
    expect(events[0]?.type).toBe('start');
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(1);
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.answer.citations[0]?.entryId).toBe(f.entryId);
    const answer = await sdk.askAndWait({ question: 'What do consultants get on day one?' });
    expect(answer.content).toContain('laptop');
    expect(answer.conversationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('imports a file and waits for its entry', async () => {
    const file = await sdk.importFile({
      filename: 'kickoff.md',
      data: '# Kickoff\n\nAgenda, owners and the RACI.',
    });
    expect(file.status).toBe('pending');
    const done = await sdk.waitForImport(file.id, { intervalMs: 50, timeoutMs: 30_000 });
    expect(done.status).toBe('completed');
    if (!done.entryId) throw new Error('no entry');
    expect((await sdk.getEntry(done.entryId)).body).toContain('RACI');
  });

  it('throws typed errors with code, status and message', async () => {
    const missing = await sdk.getEntry(MISSING).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    const invalid = await sdk.createEntry({ title: '' }).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(ValidationError);
    expect(invalid).toMatchObject({ status: 400, issues: [{ path: 'title', message: 'Title is required' }] });
    const readOnly = createConsailtClient({ baseUrl: f.url, apiKey: f.readKey });
    const forbidden = await readOnly.createEntry({ title: 'x' }).catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(PermissionError);
    expect((forbidden as Error).message).toBe('Missing permission: knowledge:write');
    await expect(readOnly.ask({ question: 'x' }).next()).rejects.toBeInstanceOf(PermissionError);
    const anonymous = createConsailtClient({ baseUrl: f.url, apiKey: 'csk_nope_nope' });
    await expect(anonymous.listEngagements()).rejects.toBeInstanceOf(AuthenticationError);
    expect(ConsailtError.from(new Error('x'))).toBeInstanceOf(ConsailtError);
  });

  it('maps a spent AI budget to BudgetExceededError', async () => {
    // The offline AI provider used by tests costs nothing, so no budget can run out here: this
    // server answers with the exact tRPC error envelope the API sends for a spent budget.
    const envelope = {
      error: {
        json: {
          message: 'Organization monthly AI budget reached: spent $5.00 of $5.00',
          code: -32603,
          data: { code: 'PAYMENT_REQUIRED', httpStatus: 402, domainCode: 'BUDGET_EXCEEDED', requestId: 'r1' },
        },
      },
    };
    const spent = createConsailtClient({
      baseUrl: f.url,
      apiKey: f.fullKey,
      fetch: async () => Response.json(envelope, { status: 402 }),
    });
    const error = await spent.search({ query: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    expect(error).toMatchObject({ status: 402, domainCode: 'BUDGET_EXCEEDED', requestId: 'r1' });
  });

  it('times out, and honours an AbortSignal', async () => {
    const hanging = createConsailtClient({
      baseUrl: f.url,
      apiKey: f.fullKey,
      timeoutMs: 150,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
    });
    await expect(hanging.listEngagements()).rejects.toBeInstanceOf(TimeoutError);
    const controller = new AbortController();
    const pending = createConsailtClient({
      baseUrl: f.url,
      apiKey: f.fullKey,
      fetch: async (url, init) => {
        controller.abort();
        return globalThis.fetch(url, init);
      },
    }).listEngagements({ signal: controller.signal });
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('SDK against a rate-limited API', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await startApiFixture({
      plan: 'tiny',
      env: {
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_PLANS: JSON.stringify({ tiny: { capacity: 10, refillPerSecond: 2 } }),
      },
    });
  });
  afterAll(() => f?.close());

  it('retries 429 after Retry-After, then gives up with RateLimitedError', async () => {
    let status429 = 0;
    const counting = (url: string | URL | Request, init?: RequestInit) =>
      globalThis.fetch(url, init).then((res) => {
        if (res.status === 429) status429++;
        return res;
      });
    const patient = createConsailtClient({ baseUrl: f.url, apiKey: f.fullKey, fetch: counting });
    const started = Date.now();
    for (let i = 0; i < 14; i++) await patient.getEntry(f.entryId);
    expect(status429).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900); // waited Retry-After (1 s)

    const impatient = createConsailtClient({ baseUrl: f.url, apiKey: f.fullKey, maxRetries: 0 });
    let error: unknown;
    for (let i = 0; i < 4 && !error; i++)
      error = await impatient.getEntry(f.entryId).then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(RateLimitedError);
    expect(error).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
    expect((error as RateLimitedError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
  });
});
