import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCircuitBreaker } from './breaker';
import { costMicroUsd, createCatalog } from './catalog';
import { AiError, NoModelAvailableError, ProviderError } from './errors';
import { LOCAL_OFFLINE_NOTICE, LocalProvider } from './providers/local';
import { createAiService, type RunResult, type StreamEvent } from './service';
import { AI_TASKS, DEFAULT_ROUTES, type TextTask } from './tasks';
import { type FakeBedrock, startFakeBedrock } from './testing/fake-bedrock';
import { createTestService, userMessage } from './testing/harness';
import { createMemorySink } from './types';

let fake: FakeBedrock;
beforeAll(async () => {
  fake = await startFakeBedrock();
});
afterEach(() => fake.reset());
afterAll(async () => {
  await fake.close();
});

const ORG = '00000000-0000-4000-8000-000000000001';
const USER = '00000000-0000-4000-8000-000000000002';
const base = { orgId: ORG, userId: USER, apiKeyId: null };

async function collect(
  gen: AsyncGenerator<StreamEvent>,
  stopAfter?: number,
): Promise<{ texts: string[]; result?: RunResult }> {
  const texts: string[] = [];
  let result: RunResult | undefined;
  for await (const ev of gen) {
    if (ev.type === 'text') {
      texts.push(ev.text);
      if (stopAfter !== undefined && texts.length >= stopAfter) break;
    } else result = ev.result;
  }
  return { texts, result };
}

describe('routing through the pipeline', () => {
  it('sends each task to its default model (profile-prefixed where required)', async () => {
    const { service, rows } = createTestService(fake);
    const textTasks = AI_TASKS.filter((t): t is TextTask => t !== 'embed');
    for (const task of textTasks) {
      const res = await service.run({ ...base, task, messages: userMessage(`Task ${task}`), maxTokens: 256 });
      const expected = service.router.route({ task, inputTokens: 10, maxOutputTokens: 256 }).candidates[0]
        ?.invocationId;
      expect(res.modelId, task).toBe(expected);
      expect(expected?.endsWith(DEFAULT_ROUTES[task][0] ?? '')).toBe(true);
      expect(fake.requests.at(-1)?.modelId).toBe(expected);
    }
    expect(fake.requests.map((r) => r.modelId)).toContain('us.meta.llama3-2-3b-instruct-v1:0');
    expect(rows).toHaveLength(textTasks.length);
    expect(rows.every((r) => r.status === 'success' && r.costMicroUsd > 0)).toBe(true);
  });

  it('follows an organization override and a pinned model', async () => {
    const { service } = createTestService(fake);
    const org = { routes: { quick_summary: ['anthropic.claude-3-5-haiku-20241022-v1:0'] } };
    const a = await service.run({ ...base, task: 'quick_summary', org, messages: userMessage('Summarize') });
    expect(a.modelId).toBe('anthropic.claude-3-5-haiku-20241022-v1:0');
    const b = await service.run({ ...base, task: 'answer', org, messages: userMessage('Q') });
    expect(b.modelId).toBe('amazon.nova-pro-v1:0');
    const c = await service.run({
      ...base,
      task: 'answer',
      pinModel: 'global.anthropic.claude-sonnet-4-5-20250929-v1:0',
      messages: userMessage('Q'),
    });
    expect(c.modelId).toBe('global.anthropic.claude-sonnet-4-5-20250929-v1:0');
  });

  it('sends system prompt, messages and inference config in the Converse shape', async () => {
    const { service } = createTestService(fake);
    await service.run({
      ...base,
      task: 'classify',
      system: 'You classify.',
      messages: [
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'two' },
        { role: 'user', content: 'three' },
      ],
      maxTokens: 64,
      temperature: 0.2,
      stopSequences: ['END'],
    });
    expect(fake.requests[0]?.body).toEqual({
      system: [{ text: 'You classify.' }],
      messages: [
        { role: 'user', content: [{ text: 'one' }] },
        { role: 'assistant', content: [{ text: 'two' }] },
        { role: 'user', content: [{ text: 'three' }] },
      ],
      inferenceConfig: { maxTokens: 64, temperature: 0.2, stopSequences: ['END'] },
    });
  });
});

describe('retries and fallback', () => {
  it('retries a throttled model with backoff, then falls back, recording the chain', async () => {
    const { service, rows } = createTestService(fake);
    fake.setModel('amazon.nova-lite-v1:0', { throttle: 10 });
    const res = await service.run({
      ...base,
      task: 'quick_summary',
      messages: userMessage('Summarize this'),
    });
    expect(res.modelId).toBe('amazon.nova-micro-v1:0');
    expect(res.fallbackChain).toEqual(['amazon.nova-lite-v1:0', 'amazon.nova-micro-v1:0']);
    expect(fake.requests.filter((r) => r.modelId === 'amazon.nova-lite-v1:0')).toHaveLength(2); // maxAttempts 2
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'success',
      modelId: 'amazon.nova-micro-v1:0',
      fallbackChain: ['amazon.nova-lite-v1:0', 'amazon.nova-micro-v1:0'],
    });
  });

  it('recovers on the same model when throttling clears within the retries', async () => {
    const { service } = createTestService(fake);
    fake.setModel('amazon.nova-lite-v1:0', { throttle: 1 });
    const res = await service.run({ ...base, task: 'quick_summary', messages: userMessage('Hi') });
    expect(res.modelId).toBe('amazon.nova-lite-v1:0');
    expect(res.fallbackChain).toEqual(['amazon.nova-lite-v1:0']);
  });

  it.each([
    ['ServiceUnavailableException'],
    ['InternalServerException'],
    ['ModelNotReadyException'],
    ['ModelTimeoutException'],
  ] as const)('falls back on %s', async (type) => {
    const { service } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', { fail: { type } });
    const res = await service.run({ ...base, task: 'answer', messages: userMessage('Q') });
    expect(res.modelId).toBe('anthropic.claude-3-5-haiku-20241022-v1:0');
  });

  it('falls back on a malformed response body', async () => {
    const { service } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', { malformed: true });
    const res = await service.run({ ...base, task: 'answer', messages: userMessage('Q') });
    expect(res.fallbackChain).toEqual(['amazon.nova-pro-v1:0', 'anthropic.claude-3-5-haiku-20241022-v1:0']);
  });

  it('does not fall back on a validation error, and records the failure', async () => {
    const { service, rows } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', { fail: { type: 'ValidationException', message: 'bad input' } });
    await expect(service.run({ ...base, task: 'answer', messages: userMessage('Q') })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(fake.requests).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'error', errorCode: 'VALIDATION', costMicroUsd: 0 });
  });

  it('fails with the last error when every model fails, and writes one row', async () => {
    const { service, rows } = createTestService(fake);
    fake.setDefault({ fail: { type: 'ServiceUnavailableException' } });
    const err = await service
      .run({ ...base, task: 'answer', messages: userMessage('Q') })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).code).toBe('UNAVAILABLE');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'error',
      errorCode: 'UNAVAILABLE',
      fallbackChain: ['amazon.nova-pro-v1:0', 'anthropic.claude-3-5-haiku-20241022-v1:0'],
      costMicroUsd: 0,
    });
  });

  it('times out a slow request and falls back', async () => {
    const { service } = createTestService(fake, { timeouts: { requestMs: 80 } });
    fake.setModel('amazon.nova-pro-v1:0', { latencyMs: 400 });
    const res = await service.run({ ...base, task: 'answer', messages: userMessage('Q') });
    expect(res.modelId).toBe('anthropic.claude-3-5-haiku-20241022-v1:0');
  });
});

describe('circuit breaker in the pipeline', () => {
  it('opens after repeated failures, skips the model, probes after the cooldown and closes', async () => {
    let t = 0;
    const breaker = createCircuitBreaker({ config: { failureThreshold: 2, cooldownMs: 1000 }, now: () => t });
    const { service, rows } = createTestService(fake, { breaker, retry: { maxAttempts: 1 } });
    fake.setModel('amazon.nova-lite-v1:0', { fail: { type: 'ServiceUnavailableException' } });
    const ask = () => service.run({ ...base, task: 'quick_summary', messages: userMessage('Hi') });
    await ask();
    await ask();
    expect(await breaker.state('amazon.nova-lite-v1:0')).toBe('open');
    const lite = () => fake.requests.filter((r) => r.modelId === 'amazon.nova-lite-v1:0').length;
    expect(lite()).toBe(2);

    const skipped = await ask();
    expect(skipped.fallbackChain).toEqual(['amazon.nova-micro-v1:0']);
    expect(lite()).toBe(2);

    t += 1000; // half-open: one probe, which fails → open again
    await ask();
    expect(lite()).toBe(3);
    expect(await breaker.state('amazon.nova-lite-v1:0')).toBe('open');

    t += 1000;
    fake.setModel('amazon.nova-lite-v1:0', {});
    const healed = await ask();
    expect(healed.fallbackChain).toEqual(['amazon.nova-lite-v1:0']);
    expect(await breaker.state('amazon.nova-lite-v1:0')).toBe('closed');
    expect(rows).toHaveLength(5);
  });

  it('reports no model when every circuit is open', async () => {
    const breaker = createCircuitBreaker({ config: { failureThreshold: 1, cooldownMs: 60_000 } });
    const { service } = createTestService(fake, { breaker, retry: { maxAttempts: 1 } });
    await breaker.recordFailure('amazon.nova-pro-v1:0');
    await breaker.recordFailure('anthropic.claude-3-5-haiku-20241022-v1:0');
    await expect(service.run({ ...base, task: 'answer', messages: userMessage('Q') })).rejects.toBeInstanceOf(
      NoModelAvailableError,
    );
    expect(fake.requests).toHaveLength(0);
  });
});

describe('streaming', () => {
  it('streams deltas and ends with exact usage from the metadata event', async () => {
    const { service, rows } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', {
      chunks: ['Hel', 'lo ', 'world'],
      usage: { inputTokens: 1200, outputTokens: 3, cacheReadInputTokens: 800, cacheWriteInputTokens: 100 },
    });
    const { texts, result } = await collect(
      service.stream({ ...base, task: 'answer', messages: userMessage('Q') }),
    );
    expect(texts.join('')).toBe('Hello world');
    expect(result).toMatchObject({
      text: 'Hello world',
      status: 'success',
      incomplete: false,
      usageEstimated: false,
      stopReason: 'end_turn',
      usage: { inputTokens: 1200, outputTokens: 3, cacheReadTokens: 800, cacheWriteTokens: 100 },
    });
    // 1,200×0.8 + 3×3.2 + 800×0.2 + 100×0.8 = 1209.6 → 1210
    expect(result?.costMicroUsd).toBe(1210);
    expect(result?.timeToFirstTokenMs).not.toBeNull();
    expect(rows[0]).toMatchObject({ status: 'success', cacheReadTokens: 800, costMicroUsd: 1210 });
  });

  it('falls back before the first token (throttled, then slow first token)', async () => {
    const { service } = createTestService(fake, { timeouts: { firstTokenMs: 100 } });
    fake.setModel('amazon.nova-pro-v1:0', { throttle: 5 });
    const a = await collect(service.stream({ ...base, task: 'answer', messages: userMessage('Q') }));
    expect(a.result?.fallbackChain).toEqual([
      'amazon.nova-pro-v1:0',
      'anthropic.claude-3-5-haiku-20241022-v1:0',
    ]);

    fake.setModel('amazon.nova-pro-v1:0', { latencyMs: 500 });
    const b = await collect(service.stream({ ...base, task: 'answer', messages: userMessage('Q') }));
    expect(b.result?.modelId).toBe('anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(b.result?.status).toBe('success');
  });

  it('does not fall back after the first token: keeps the partial text and marks it incomplete', async () => {
    const { service, rows } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', {
      chunks: ['The first ', 'two chunks ', 'never arrive'],
      midStreamError: { afterChunks: 2, type: 'modelStreamErrorException' },
    });
    const { texts, result } = await collect(
      service.stream({ ...base, task: 'answer', messages: userMessage('Q') }),
    );
    expect(texts.join('')).toBe('The first two chunks ');
    expect(result).toMatchObject({
      text: 'The first two chunks ',
      status: 'incomplete',
      incomplete: true,
      usageEstimated: true,
      modelId: 'amazon.nova-pro-v1:0',
      fallbackChain: ['amazon.nova-pro-v1:0'],
      error: { code: 'MODEL_ERROR' },
    });
    expect(fake.requests.map((r) => r.modelId)).toEqual(['amazon.nova-pro-v1:0']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'incomplete', usageEstimated: true, errorCode: 'MODEL_ERROR' });
    expect(rows[0]?.outputTokens).toBe(Math.ceil('The first two chunks '.length / 4));
    expect(rows[0]?.costMicroUsd).toBeGreaterThan(0);
  });

  it('estimates and flags usage when the stream ends without its metadata event', async () => {
    const { service } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', { text: 'Twelve chars', omitMetadata: true });
    const { result } = await collect(service.stream({ ...base, task: 'answer', messages: userMessage('Q') }));
    expect(result).toMatchObject({ status: 'success', usageEstimated: true, usage: { outputTokens: 3 } });
  });

  it('surfaces a stream that fails before any token as an error after trying every model', async () => {
    const { service, rows } = createTestService(fake);
    fake.setDefault({ midStreamError: { afterChunks: 0, type: 'internalServerException' } });
    await expect(
      collect(service.stream({ ...base, task: 'answer', messages: userMessage('Q') })),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.status).toBe('error');
  });
});

describe('cancellation', () => {
  it('stops a stream and bills only what was produced', async () => {
    const { service, rows } = createTestService(fake);
    const chunks = Array.from({ length: 40 }, (_, i) => `chunk-${String(i).padStart(2, '0')} `);
    fake.setModel('amazon.nova-pro-v1:0', {
      chunks,
      chunkDelayMs: 15,
      usage: { inputTokens: 1000, outputTokens: 120 },
    });
    const ac = new AbortController();
    const texts: string[] = [];
    let result: RunResult | undefined;
    for await (const ev of service.stream({
      ...base,
      task: 'answer',
      messages: userMessage('Q'),
      signal: ac.signal,
    })) {
      if (ev.type === 'text') {
        texts.push(ev.text);
        if (texts.length === 3) ac.abort();
      } else result = ev.result;
    }
    expect(result).toMatchObject({ status: 'cancelled', incomplete: true, usageEstimated: true });
    const received = texts.join('');
    expect(result?.text).toBe(received);
    expect(received.length).toBeLessThan(chunks.join('').length / 4);
    const row = rows[0];
    expect(row).toMatchObject({ status: 'cancelled', errorCode: 'CANCELLED', usageEstimated: true });
    expect(row?.outputTokens).toBe(Math.ceil(received.length / 4));
    const full = costMicroUsd(createCatalog().resolve('amazon.nova-pro-v1:0')!, {
      inputTokens: 1000,
      outputTokens: 120,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
    });
    expect(row?.costMicroUsd).toBeLessThan(full);
    await new Promise((r) => setTimeout(r, 50));
    expect(fake.streams[0]?.clientClosed).toBe(true);
    expect(fake.streams[0]?.sentChunks).toBeLessThan(10);
  });

  it('records a consumer that stops iterating as cancelled', async () => {
    const { service, rows } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', { chunks: ['a ', 'b ', 'c ', 'd '], chunkDelayMs: 20 });
    const { texts } = await collect(
      service.stream({ ...base, task: 'answer', messages: userMessage('Q') }),
      2,
    );
    expect(texts).toEqual(['a ', 'b ']);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'cancelled', outputTokens: 1 });
  });

  it('aborts a non-streamed call in flight and bills the prompt only', async () => {
    const { service, rows } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', { latencyMs: 500 });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    await expect(
      service.run({ ...base, task: 'answer', messages: userMessage('A question'), signal: ac.signal }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(400);
    expect(rows[0]).toMatchObject({ status: 'cancelled', outputTokens: 0, usageEstimated: true });
    expect(fake.requests).toHaveLength(1); // no fallback after a cancel
  });
});

describe('sanitization through the pipeline', () => {
  const sanitize = { clientNames: ['Acme Corp'], terms: ['Project Falcon'] };

  it('never sends originals and restores them in the answer', async () => {
    const { service } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', {
      text: '[[CLIENT_1]] should email [[EMAIL_1]] about [[TERM_1]].',
    });
    const res = await service.run({
      ...base,
      task: 'answer',
      system: 'Context about Acme Corp.',
      messages: userMessage('Acme Corp (jane@acme.com, +1 415 555 0134) asks about Project Falcon.'),
      sanitize,
    });
    const sent = JSON.stringify(fake.requests[0]?.body);
    for (const secret of ['Acme', 'jane@acme.com', '555', 'Falcon']) expect(sent).not.toContain(secret);
    expect(sent).toContain('[[CLIENT_1]]');
    expect(res.text).toBe('Acme Corp should email jane@acme.com about Project Falcon.');
  });

  it('restores placeholders split across stream chunks', async () => {
    const { service } = createTestService(fake);
    fake.setModel('amazon.nova-pro-v1:0', {
      chunks: ['Dear [', '[CLI', 'ENT_1', ']', '] at [[EMAIL', '_1]]', '.'],
    });
    const { texts, result } = await collect(
      service.stream({
        ...base,
        task: 'answer',
        messages: userMessage('Write to Acme Corp, jane@acme.com'),
        sanitize,
      }),
    );
    expect(texts.join('')).toBe('Dear Acme Corp at jane@acme.com.');
    expect(texts.some((t) => t.includes('[['))).toBe(false);
    expect(result?.text).toBe('Dear Acme Corp at jane@acme.com.');
  });

  it('can be switched off per call', async () => {
    const { service } = createTestService(fake);
    await service.run({
      ...base,
      task: 'answer',
      messages: userMessage('Acme Corp'),
      sanitize: { ...sanitize, enabled: false },
    });
    expect(JSON.stringify(fake.requests[0]?.body)).toContain('Acme Corp');
  });
});

describe('embeddings', () => {
  it('embeds with Titan V2, one text per call, concurrently, with exact token counts', async () => {
    const { service, rows } = createTestService(fake);
    fake.setModel('amazon.titan-embed-text-v2:0', { latencyMs: 20 });
    const texts = Array.from({ length: 40 }, (_, i) => `Document number ${i} about supplier risk.`);
    const res = await service.embed({ ...base, texts, kind: 'document' });
    expect(res.modelId).toBe('amazon.titan-embed-text-v2:0');
    expect(res.vectors).toHaveLength(40);
    expect(res.dimensions).toBe(1024);
    expect(fake.requests).toHaveLength(40);
    expect(fake.requests[0]?.body).toMatchObject({ dimensions: 1024, normalize: true });
    expect(fake.maxConcurrent).toBeGreaterThan(1);
    expect(res.usageEstimated).toBe(false);
    expect(res.inputTokens).toBe(texts.reduce((s, t) => s + Math.ceil(t.length / 4), 0));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ task: 'embed', status: 'success', inputTokens: res.inputTokens });
  });

  it('falls back to Cohere in batches of 96 with the right input type', async () => {
    const { service } = createTestService(fake);
    fake.setModel('amazon.titan-embed-text-v2:0', { fail: { type: 'ServiceUnavailableException' } });
    const texts = Array.from({ length: 200 }, (_, i) => `text ${i}`);
    const res = await service.embed({ ...base, texts, kind: 'query' });
    expect(res.modelId).toBe('cohere.embed-english-v3');
    expect(res.vectors).toHaveLength(200);
    const cohere = fake.requests.filter((r) => r.modelId === 'cohere.embed-english-v3');
    expect(cohere.map((r) => (r.body as { texts: string[] }).texts.length)).toEqual([96, 96, 8]);
    expect(cohere.every((r) => (r.body as { input_type: string }).input_type === 'search_query')).toBe(true);
    expect(res.usageEstimated).toBe(false); // from the x-amzn-bedrock-input-token-count header
  });
});

describe('embedded mode (local provider only)', () => {
  it('answers offline and embeds locally, recorded at zero cost', async () => {
    const sink = createMemorySink();
    const service = createAiService({ providers: { local: new LocalProvider() }, sink });
    const res = await service.run({
      ...base,
      task: 'answer',
      system: '[1] Our Acme engagement cut costs by 12%.',
      messages: userMessage('How much did costs fall?'),
    });
    expect(res.text).toContain(LOCAL_OFFLINE_NOTICE);
    expect(res.text).toContain('[1]');
    expect(res.modelId).toBe('local.extractive-v1');
    const emb = await service.embed({ ...base, texts: ['a', 'b'], kind: 'document' });
    expect(emb.modelId).toBe('local.hash-embed-v1');
    expect(sink.rows.map((r) => [r.provider, r.costMicroUsd])).toEqual([
      ['local', 0],
      ['local', 0],
    ]);
    // Bedrock ids cannot be served offline.
    await expect(
      service.run({ ...base, task: 'answer', pinModel: 'amazon.nova-pro-v1:0', messages: userMessage('Q') }),
    ).rejects.toBeInstanceOf(NoModelAvailableError);
    expect(sink.rows).toHaveLength(3);
    expect(sink.rows[2]).toMatchObject({ status: 'error', errorCode: 'NO_MODEL_AVAILABLE', costMicroUsd: 0 });
  });

  it('validates input', async () => {
    const service = createAiService({ providers: { local: new LocalProvider() }, sink: createMemorySink() });
    await expect(service.run({ ...base, task: 'answer', messages: [] })).rejects.toBeInstanceOf(AiError);
  });
});
