/**
 * Orchestration overhead and embedding throughput.
 *
 *   npx tsx packages/ai/bench/overhead.ts            (memory budgets + breaker)
 *   REDIS_URL=redis://127.0.0.1:6379 npx tsx packages/ai/bench/overhead.ts   (adds a Redis run)
 *
 * Compares, in one run and against the same fake Bedrock server, a direct SDK call with the full
 * pipeline (budget reserve/settle, sanitizer, routing, breaker, metering, sink). Pairs are
 * interleaved so drift hits both sides equally. Prints figures, then one JSON line.
 */
import { Agent } from 'node:http';
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
} from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Redis } from 'ioredis';
import {
  type BudgetStore,
  createCircuitBreaker,
  createMemoryBreakerStore,
  createMemoryBudgetStore,
  createRedisBreakerStore,
  createRedisBudgetStore,
} from '../src/index';
import { localEmbed } from '../src/providers/local-embed';
import { FAKE_AWS, type FakeBedrock, startFakeBedrock } from '../src/testing/fake-bedrock';
import { createTestService } from '../src/testing/harness';

const MODEL = 'amazon.nova-pro-v1:0';
const MODEL_LATENCY_MS = 200;
const PAIRS = Number(process.env.BENCH_PAIRS ?? 30);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

const prompt = 'Summarize the steering committee notes for Acme Corp (contact jane@acme.com). '.repeat(20);
const messages = [{ role: 'user' as const, content: prompt }];

async function overhead(
  fake: FakeBedrock,
  label: string,
  budgetStore: BudgetStore,
  breakerStore = createMemoryBreakerStore(),
) {
  fake.setModel(MODEL, {
    latencyMs: MODEL_LATENCY_MS,
    chunks: Array.from({ length: 20 }, (_, i) => `token${i} `),
    chunkDelayMs: 2,
  });
  const direct = new BedrockRuntimeClient({
    ...FAKE_AWS,
    endpoint: fake.url,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 128 }) }),
  });
  const { service } = createTestService(fake, {
    budgetStore,
    breaker: createCircuitBreaker({ store: breakerStore }),
  });
  const orgId = `bench-org-${label}-${Date.now()}`;
  const call = {
    orgId,
    userId: 'bench-user',
    task: 'answer' as const,
    messages,
    maxTokens: 512,
    pinModel: MODEL,
    limits: { orgHardMicroUsd: 1e12, orgSoftMicroUsd: 1e11, userHardMicroUsd: 1e12 },
    sanitize: { clientNames: ['Acme Corp', 'Globex', 'Initech'], terms: ['Project Falcon'] },
  };
  const directInput = {
    modelId: MODEL,
    messages: messages.map((m) => ({ role: m.role, content: [{ text: m.content }] })),
    inferenceConfig: { maxTokens: 512 },
  };

  // Warm up connections and JIT on both paths.
  for (let i = 0; i < 3; i++) {
    await direct.send(new ConverseCommand(directInput));
    await service.run(call);
  }

  const dTotal: number[] = [];
  const sTotal: number[] = [];
  const dTtft: number[] = [];
  const sTtft: number[] = [];
  const ttftDiff: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    let t = performance.now();
    await direct.send(new ConverseCommand(directInput));
    dTotal.push(performance.now() - t);
    t = performance.now();
    await service.run(call);
    sTotal.push(performance.now() - t);

    t = performance.now();
    let first = 0;
    const out = await direct.send(new ConverseStreamCommand(directInput));
    for await (const ev of out.stream ?? []) {
      if (ev.contentBlockDelta && first === 0) first = performance.now() - t;
    }
    dTtft.push(first);
    t = performance.now();
    first = 0;
    for await (const ev of service.stream(call)) {
      if (ev.type === 'text' && first === 0) first = performance.now() - t;
    }
    sTtft.push(first);
    ttftDiff.push((sTtft.at(-1) as number) - (dTtft.at(-1) as number));
  }
  direct.destroy();
  return {
    label,
    directMedianMs: round(median(dTotal), 2),
    pipelineMedianMs: round(median(sTotal), 2),
    latencyRatio: round(median(sTotal) / median(dTotal), 4),
    directTtftMedianMs: round(median(dTtft), 2),
    pipelineTtftMedianMs: round(median(sTtft), 2),
    addedTtftMedianMs: round(median(ttftDiff), 2),
  };
}

function localEmbedThroughput() {
  // Realistic-ish prose: 512 tokens ≈ 2,048 characters ≈ 380 words.
  const vocab =
    'the client supply chain risk register project steering committee budget forecast migration warehouse logistics vendor contract renewal stakeholder interview finding recommendation revenue margin cost reduction pilot rollout quarter analysis data platform cloud security compliance audit process improvement workshop roadmap milestone delivery team capacity hiring training change management customer satisfaction churn pricing strategy market segment growth'.split(
      ' ',
    );
  let seed = 42;
  const rand = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const chunks = Array.from({ length: 200 }, () => {
    let s = '';
    while (s.length < 2048) s += `${vocab[Math.floor(rand() * vocab.length)]}${rand() < 0.08 ? '. ' : ' '}`;
    return s.slice(0, 2048);
  });
  for (let i = 0; i < 400; i++) localEmbed(chunks[i % chunks.length] as string); // warm-up
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    for (let i = 0; i < 50; i++) localEmbed(chunks[(n + i) % chunks.length] as string);
    n += 50;
  }
  const seconds = (performance.now() - start) / 1000;
  return { chunks: n, chunkChars: 2048, chunksPerSecond: Math.round(n / seconds) };
}

async function remoteEmbedThroughput(fake: FakeBedrock) {
  const { service } = createTestService(fake);
  const texts = Array.from(
    { length: 960 },
    (_, i) => `Chunk ${i}: ${'supplier risk and mitigation notes '.repeat(40)}`,
  );
  fake.setModel('amazon.titan-embed-text-v2:0', { latencyMs: 20 });
  fake.setModel('cohere.embed-english-v3', { latencyMs: 60 });
  await service.embed({ orgId: 'bench', texts: texts.slice(0, 32), kind: 'document' });
  let t = performance.now();
  await service.embed({ orgId: 'bench', texts, kind: 'document' });
  const titanSeconds = (performance.now() - t) / 1000;
  const titanConcurrency = fake.maxConcurrent;
  t = performance.now();
  await service.embed({ orgId: 'bench', texts, kind: 'document', pinModel: 'cohere.embed-english-v3' });
  const cohereSeconds = (performance.now() - t) / 1000;
  return {
    texts: texts.length,
    titanTextsPerSecond: Math.round(texts.length / titanSeconds),
    titanPerCallLatencyMs: 20,
    titanMaxConcurrent: titanConcurrency,
    cohereTextsPerSecond: Math.round(texts.length / cohereSeconds),
    coherePerBatchLatencyMs: 60,
    cohereBatchSize: 96,
  };
}

async function main() {
  const fake = await startFakeBedrock();
  const results: Record<string, unknown> = {};
  try {
    const mem = await overhead(fake, 'memory', createMemoryBudgetStore());
    results.overheadMemory = mem;
    console.log(
      `[memory stores] total latency: direct ${mem.directMedianMs} ms, pipeline ${mem.pipelineMedianMs} ms, ratio ${mem.latencyRatio} (target <= 1.05)`,
    );
    console.log(
      `[memory stores] TTFT: direct ${mem.directTtftMedianMs} ms, pipeline ${mem.pipelineTtftMedianMs} ms, added median ${mem.addedTtftMedianMs} ms (target <= 5)`,
    );
    const redisUrl = process.env.REDIS_URL;
    if (redisUrl) {
      const redis = new Redis(redisUrl);
      const prefix = `consailt-bench:${Date.now()}`;
      const r = await overhead(
        fake,
        'redis',
        createRedisBudgetStore(redis, { prefix: `${prefix}:budget` }),
        createRedisBreakerStore(redis, { prefix: `${prefix}:breaker` }),
      );
      results.overheadRedis = r;
      console.log(
        `[redis stores]  total latency: direct ${r.directMedianMs} ms, pipeline ${r.pipelineMedianMs} ms, ratio ${r.latencyRatio}`,
      );
      console.log(
        `[redis stores]  TTFT: direct ${r.directTtftMedianMs} ms, pipeline ${r.pipelineTtftMedianMs} ms, added median ${r.addedTtftMedianMs} ms`,
      );
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length > 0) await redis.del(...keys);
      await redis.quit();
    }
    const local = localEmbedThroughput();
    results.localEmbed = local;
    console.log(
      `local embedder: ${local.chunksPerSecond} chunks/s of 512 tokens (${local.chunkChars} chars), one thread (target >= 2000)`,
    );
    fake.reset();
    const remote = await remoteEmbedThroughput(fake);
    results.remoteEmbed = remote;
    console.log(
      `fake Bedrock embeddings: Titan ${remote.titanTextsPerSecond} texts/s (20 ms/call, ${remote.titanMaxConcurrent} concurrent), Cohere ${remote.cohereTextsPerSecond} texts/s (batches of 96, 60 ms/batch)`,
    );
  } finally {
    await fake.close();
  }
  console.log(
    JSON.stringify({ bench: 'ai-overhead', pairs: PAIRS, modelLatencyMs: MODEL_LATENCY_MS, ...results }),
  );
}

await main();
