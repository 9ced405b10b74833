import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBedrock, startFakeBedrock } from './testing/fake-bedrock';
import { createTestService, userMessage } from './testing/harness';
import { createLangfuseTracer } from './tracing-langfuse';

type Captured = { path: string; headers: http.IncomingHttpHeaders; body: string };
type OtlpAttr = {
  key: string;
  value: { stringValue?: string; intValue?: string | number; doubleValue?: number };
};
type OtlpSpan = { traceId: string; name: string; attributes: OtlpAttr[] };

/** Captures what the Langfuse SDK sends (OTLP/HTTP JSON to /api/public/otel/v1/traces). */
async function startLangfuseCapture() {
  const captured: Captured[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      captured.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    captured,
    spans(): OtlpSpan[] {
      return captured.flatMap((c) => {
        const json = JSON.parse(c.body) as {
          resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
        };
        return json.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
      });
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const attr = (span: OtlpSpan, key: string) => {
  const v = span.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? v?.intValue ?? v?.doubleValue;
};

describe('Langfuse tracing', () => {
  let fake: FakeBedrock;
  let capture: Awaited<ReturnType<typeof startLangfuseCapture>>;
  let tracer: ReturnType<typeof createLangfuseTracer>;
  beforeAll(async () => {
    fake = await startFakeBedrock();
    capture = await startLangfuseCapture();
    tracer = createLangfuseTracer({ publicKey: 'pk-test', secretKey: 'sk-test', baseUrl: capture.url });
  });
  afterAll(async () => {
    await tracer.shutdown();
    await fake.close();
    await capture.close();
  });

  it('sends one generation per call with model, usage, cost and fallback chain; content only if allowed', async () => {
    const { service, rows } = createTestService(fake, { tracer });
    fake.setModel('amazon.nova-pro-v1:0', { throttle: 5 });
    fake.setModel('anthropic.claude-3-5-haiku-20241022-v1:0', {
      text: 'Reply for [[CLIENT_1]]',
      usage: { inputTokens: 100, outputTokens: 20 },
    });
    const withContent = await service.run({
      orgId: 'org-1',
      userId: 'user-1',
      task: 'answer',
      messages: userMessage('Question about Acme Corp'),
      sanitize: { clientNames: ['Acme Corp'] },
      org: { traceContent: true },
    });
    fake.setModel('amazon.nova-pro-v1:0', {});
    const without = await service.run({
      orgId: 'org-1',
      task: 'answer',
      messages: userMessage('Secret question'),
    });
    await tracer.flush();

    expect(capture.captured[0]?.path).toBe('/api/public/otel/v1/traces');
    expect(capture.captured[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('pk-test:sk-test').toString('base64')}`,
    );
    const spans = capture.spans();
    expect(spans).toHaveLength(2);
    const first = spans.find((s) => s.traceId === withContent.traceId);
    const second = spans.find((s) => s.traceId === without.traceId);
    if (!first || !second) throw new Error('spans not found by trace id');
    expect(rows.map((r) => r.traceId)).toEqual([withContent.traceId, without.traceId]);

    expect(first.name).toBe('ai.run');
    expect(attr(first, 'langfuse.observation.type')).toBe('generation');
    expect(attr(first, 'langfuse.observation.model.name')).toBe('anthropic.claude-3-5-haiku-20241022-v1:0');
    expect(JSON.parse(String(attr(first, 'langfuse.observation.usage_details')))).toMatchObject({
      input: 100,
      output: 20,
    });
    expect(JSON.parse(String(attr(first, 'langfuse.observation.cost_details')))).toEqual({
      total: withContent.costMicroUsd / 1_000_000,
    });
    expect(JSON.parse(String(attr(first, 'langfuse.observation.metadata.fallbackChain')))).toEqual([
      'amazon.nova-pro-v1:0',
      'anthropic.claude-3-5-haiku-20241022-v1:0',
    ]);
    expect(attr(first, 'user.id')).toBe('user-1');
    // Content is the sanitized text: the client name never leaves the process.
    const input = String(attr(first, 'langfuse.observation.input'));
    expect(input).toContain('[[CLIENT_1]]');
    expect(input).not.toContain('Acme');
    expect(String(attr(first, 'langfuse.observation.output'))).toBe('Reply for [[CLIENT_1]]');

    expect(attr(second, 'langfuse.observation.input')).toBeUndefined();
    expect(attr(second, 'langfuse.observation.output')).toBeUndefined();
  });
});
