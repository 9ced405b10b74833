/**
 * Search speed: hybrid search over 100,000 chunks spread across 10 organizations (realistic
 * vocabulary: Cranfield sentences mixed with templated consulting prose), measured at the service
 * (`searchKnowledge`: query embedding through the AI pipeline, BM25 + HNSW, fusion, snippets, the
 * search_history insert) and over HTTP (a node:http server with tRPC's fetch adapter, API-key auth).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/consailt_bench_search npm run bench:search
 *   npm run bench:search -- --pglite-dir /tmp/consailt-bench-pglite       (PGlite on disk)
 *   options: --chunks 100000 --orgs 10 --queries 200 --dataset ../shared/datasets/cranfield
 *
 * The corpus is written once (chunked by the product's chunker, embedded by the local embedder,
 * BM25 statistics kept by the same triggers) and reused by later runs on the same database.
 * Each measured query is distinct (no cache effects between the service and HTTP passes).
 * Prints percentiles, then one JSON line.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, parseEnv } from '@consailt/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { sql } from 'drizzle-orm';
import { createTRPCContext } from '../src/context';
import { apiEnvSchema } from '../src/env';
import { appRouter } from '../src/routers/app-router';
import { createRuntime, setRuntimeForTests } from '../src/runtime';
import { type SearchMode, searchKnowledge } from '../src/services/search';
import { queryRows } from '../src/services/search/sql-utils';
import { loadCranfield } from './lib/cranfield';
import { loadCorpus } from './lib/load-corpus';
import { mean, percentile, round } from './lib/metrics';
import { prng, syntheticQueries, vocabulary } from './lib/synthetic';

const { values: args } = parseArgs({
  options: {
    chunks: { type: 'string', default: '100000' },
    orgs: { type: 'string', default: '10' },
    queries: { type: 'string', default: '200' },
    dataset: { type: 'string', default: '../shared/datasets/cranfield' },
    'pglite-dir': { type: 'string' },
  },
});
const totalChunks = Number(args.chunks);
const orgCount = Number(args.orgs);
const queryCount = Number(args.queries);
const cran = loadCranfield(path.resolve(process.cwd(), args.dataset ?? ''));
const vocab = vocabulary(cran.docs);

const env = parseEnv(apiEnvSchema, { ...process.env, LOG_LEVEL: 'silent', REDIS_URL: '', NODE_ENV: 'test' });
const database = await createDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL, poolMax: 8 } : { dataDir: args['pglite-dir'] ?? 'memory://' },
);
await database.migrate();
const runtime = await createRuntime(env, { database });
setRuntimeForTests(runtime);

const started = performance.now();
const orgs = await loadCorpus(runtime, { totalChunks, orgCount, vocab, log: (m) => console.log(m) });
const loadSeconds = (performance.now() - started) / 1000;
const [size] = await queryRows<{ chunks: number }>(
  database.db,
  sql`select count(*)::int as chunks from chunks where org_id = any(${`{${orgs.map((o) => o.orgId).join(',')}}`}::uuid[])`,
);

// Tiny HTTP server: node:http in front of tRPC's fetch adapter, as the web app's route handler does.
const server = createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    console.error('HTTP handler failed', error);
    res.writeHead(500).end();
  });
});
async function handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://localhost${req.url}`, { headers }),
    router: appRouter,
    createContext: ({ req: r, resHeaders }) => createTRPCContext({ headers: r.headers, resHeaders }),
  });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}
// Slow embedded runs can leave a client connection idle longer than Node's 5 s default.
server.keepAliveTimeout = 120_000;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const port = (server.address() as AddressInfo).port;

const rand = prng(7);
const queries = syntheticQueries(
  rand,
  vocab,
  cran.queries.map((q) => q.text),
  queryCount * 5 + 40,
);
let next = 0;
const take = () => queries[next++ % queries.length] as string;

async function viaService(mode: SearchMode, i: number) {
  const org = orgs[i % orgs.length];
  if (!org) throw new Error('no org');
  const scope = {
    orgId: org.orgId,
    actor: { kind: 'user' as const, userId: org.userId, role: 'owner' as const, scopes: [] },
  };
  const t = performance.now();
  const res = await searchKnowledge(runtime.deps, scope, { query: take(), mode, limit: 10 });
  return { ms: performance.now() - t, results: res.items.length };
}

async function viaHttp(i: number) {
  const org = orgs[i % orgs.length];
  if (!org) throw new Error('no org');
  const input = encodeURIComponent(JSON.stringify({ json: { query: take(), mode: 'hybrid', limit: 10 } }));
  const t = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/trpc/search.query?input=${input}`, {
    headers: { authorization: `Bearer ${org.apiKey}` },
  });
  const body = (await res.json()) as { result?: { data?: { json?: { items?: unknown[] } } } };
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return { ms: performance.now() - t, results: body.result?.data?.json?.items?.length ?? 0 };
}

async function embedOnly(i: number) {
  const org = orgs[i % orgs.length];
  const t = performance.now();
  await runtime.deps.ai.embed({ orgId: org?.orgId ?? '', texts: [take()], kind: 'query' });
  return { ms: performance.now() - t, results: 1 };
}

const summarize = (xs: { ms: number; results: number }[]) => ({
  p50: round(
    percentile(
      xs.map((x) => x.ms),
      0.5,
    ),
    2,
  ),
  p95: round(
    percentile(
      xs.map((x) => x.ms),
      0.95,
    ),
    2,
  ),
  p99: round(
    percentile(
      xs.map((x) => x.ms),
      0.99,
    ),
    2,
  ),
  mean: round(mean(xs.map((x) => x.ms)), 2),
  avgResults: round(mean(xs.map((x) => x.results)), 1),
});

async function measure(run: (i: number) => Promise<{ ms: number; results: number }>) {
  const out: { ms: number; results: number }[] = [];
  for (let i = 0; i < queryCount; i++) out.push(await run(i));
  return summarize(out);
}

// Warm-up (JIT, connection pool, buffer cache) on queries that are not measured afterwards.
for (let i = 0; i < 40; i++) await (i % 2 ? viaHttp(i) : viaService('hybrid', i));

const results = {
  serviceHybrid: await measure((i) => viaService('hybrid', i)),
  httpHybrid: await measure(viaHttp),
  serviceLexical: await measure((i) => viaService('lexical', i)),
  serviceVector: await measure((i) => viaService('vector', i)),
  queryEmbedding: await measure(embedOnly),
};

console.log(
  `${size?.chunks} chunks in ${orgs.length} organizations on ${database.kind} (corpus ready in ${loadSeconds.toFixed(0)} s); ${queryCount} distinct queries per row`,
);
console.log('measure              p50 ms   p95 ms   p99 ms   mean ms');
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(19)}  ${String(r.p50).padStart(7)}  ${String(r.p95).padStart(7)}  ${String(r.p99).padStart(7)}  ${String(r.mean).padStart(8)}`,
  );
}
console.log(
  JSON.stringify({
    bench: 'search',
    database: database.kind,
    chunks: size?.chunks,
    organizations: orgs.length,
    queriesPerMeasure: queryCount,
    limit: 10,
    loadSeconds: round(loadSeconds, 1),
    results,
    targetP95Ms: 50,
  }),
);
server.close();
await runtime.close();
