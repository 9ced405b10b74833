/**
 * `knowledge.byId` over tRPC and over REST with an API key, driven by autocannon (a separate
 * process, 32 connections), against the API surfaces served by a plain Node HTTP server
 * (`serveApi`: the same fetch handlers Next's route handlers call, without Next's router) on the
 * configured database; rate limiting on (in-process buckets, or Redis with REDIS_URL), with a plan
 * large enough never to refuse. Measured twice: one server process, then one per core (node:cluster
 * workers sharing the port, as the app is deployed on a multi-core host). Then the SDK's overhead:
 * `sdk.getEntry` against a raw `fetch` of the same tRPC call, interleaved, one at a time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/consailt_bench [REDIS_URL=redis://127.0.0.1:6379] \
 *     npm run bench:api -- [seconds] [workers] [runs]
 *
 * With runs > 1 (default 3) each surface is measured that many times, alternating tRPC and REST,
 * and every figure reported is the median over the runs (each run is also printed).
 */
import { execFile } from 'node:child_process';
import cluster, { type Worker } from 'node:cluster';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';
import { startApiFixture } from '@consailt/api/api-fixture';
import superjson from 'superjson';
import { createConsailtClient } from '../src/index';

const run = promisify(execFile);
const SECONDS = Number(process.argv[2] ?? 10);
const WORKERS = Number(process.argv[3] ?? availableParallelism());
const RUNS = Math.max(1, Number(process.argv[4] ?? 3));
const CONNECTIONS = 32;
const SDK_ROUNDS = 2000;
const POOL_MAX = 16;
const FIXTURE_OPTIONS = {
  // With REDIS_URL the buckets (and the job queue) are on Redis, as in production.
  redisUrl: process.env.REDIS_URL || undefined,
  env: {
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_PLANS: JSON.stringify({ team: { capacity: 1_000_000, refillPerSecond: 1_000_000 } }),
  },
};

type CpuMessage = { cpu: NodeJS.CpuUsage };

if (cluster.isWorker) {
  // A server process: its own runtime and pool on the same database, listening on the shared port.
  const { createDatabase } = await import('@consailt/db');
  const { testDatabaseUrl } = await import('@consailt/db/testing');
  const { createTestRuntime } = await import('@consailt/api/testing');
  const { setRuntimeForTests } = await import('@consailt/api/runtime');
  const { serveApi } = await import('@consailt/api/serve');
  const database = await createDatabase({
    url: testDatabaseUrl() ?? undefined,
    poolMax: Math.ceil(POOL_MAX / WORKERS),
  });
  setRuntimeForTests(
    await createTestRuntime({ ...FIXTURE_OPTIONS, database, redisUrl: FIXTURE_OPTIONS.redisUrl }),
  );
  // The shared port comes from the primary as the worker's fifth argument (see cluster.setupPrimary).
  await serveApi({ port: Number(process.argv[5]) });
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() } satisfies CpuMessage);
  });
  process.send?.('ready');
} else {
  await main();
}

type Cannon = {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
};

async function main() {
  const f = await startApiFixture({ ...FIXTURE_OPTIONS, poolMax: POOL_MAX });
  const auth = `Bearer ${f.fullKey}`;
  const trpcPath = `/api/trpc/knowledge.byId?input=${encodeURIComponent(superjson.stringify({ id: f.entryId }))}`;
  const restPath = `/api/v1/knowledge/${f.entryId}`;

  async function cannon(url: string, cpuTime: () => Promise<number>) {
    // The server processes only serve while autocannon runs: their CPU time per request is the
    // server's cost, a steadier figure than req/s on a shared machine.
    const cpuBefore = await cpuTime();
    const { stdout } = await run(
      'npx',
      [
        'autocannon',
        '-c',
        String(CONNECTIONS),
        '-d',
        String(SECONDS),
        '-j',
        '-H',
        `authorization=${auth}`,
        url,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const r = JSON.parse(stdout) as Cannon;
    const cpuMs = (await cpuTime()) - cpuBefore;
    return {
      reqPerSec: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      serverCpuMsPerRequest: Number((cpuMs / Math.max(1, r.requests.total)).toFixed(3)),
    };
  }

  async function warmUp(base: string, rounds: number) {
    // JIT, pools, the key cache, prepared statements on every connection.
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        for (let i = 0; i < rounds; i++) {
          await (await fetch(base + trpcPath, { headers: { authorization: auth } })).arrayBuffer();
          await (await fetch(base + restPath, { headers: { authorization: auth } })).arrayBuffer();
        }
      }),
    );
  }

  type Figures = Awaited<ReturnType<typeof cannon>>;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  const medianFigures = (runs: Figures[]): Figures => ({
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    serverCpuMsPerRequest: median(runs.map((r) => r.serverCpuMsPerRequest)),
  });
  const describe = (f: Figures) =>
    `${f.reqPerSec} req/s, p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms (non-2xx ${f.non2xx}), server CPU ${f.serverCpuMsPerRequest} ms/request`;

  async function measure(label: string, base: string, cpuTime: () => Promise<number>) {
    await warmUp(base, 20);
    const trpcRuns: Figures[] = [];
    const restRuns: Figures[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const trpc = await cannon(base + trpcPath, cpuTime);
      console.log(`${label} run ${run} tRPC knowledge.byId: ${describe(trpc)}`);
      const rest = await cannon(base + restPath, cpuTime);
      console.log(`${label} run ${run} REST GET /knowledge/{id}: ${describe(rest)}`);
      trpcRuns.push(trpc);
      restRuns.push(rest);
    }
    const trpc = medianFigures(trpcRuns);
    const rest = medianFigures(restRuns);
    console.log(`${label} tRPC knowledge.byId, median of ${RUNS}: ${describe(trpc)}`);
    console.log(`${label} REST GET /knowledge/{id}, median of ${RUNS}: ${describe(rest)}`);
    return { trpc, rest };
  }

  const ownCpu = async () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const single = await measure('1 process:', f.url, ownCpu);

  let multi: Awaited<ReturnType<typeof measure>> | null = null;
  if (WORKERS > 1) {
    const port = await freePort();
    cluster.setupPrimary({ args: [String(SECONDS), String(WORKERS), String(RUNS), String(port)] });
    const workers: Worker[] = [];
    for (let i = 0; i < WORKERS; i++) {
      const worker = cluster.fork();
      workers.push(worker);
      await new Promise<void>((resolve, reject) => {
        worker.once('message', (m) => (m === 'ready' ? resolve() : reject(new Error(String(m)))));
        worker.once('exit', (code) => reject(new Error(`server worker exited with ${code}`)));
      });
    }
    const workersCpu = async () => {
      const usages = await Promise.all(
        workers.map(
          (w) =>
            new Promise<number>((resolve) => {
              w.once('message', (m: CpuMessage) => resolve((m.cpu.user + m.cpu.system) / 1000));
              w.send('cpu');
            }),
        ),
      );
      return usages.reduce((a, b) => a + b, 0);
    };
    multi = await measure(`${WORKERS} processes:`, `http://127.0.0.1:${port}`, workersCpu);
    for (const w of workers) w.process.kill('SIGKILL');
  }

  const sdk = createConsailtClient({ baseUrl: f.url, apiKey: f.fullKey });
  const raw: number[] = [];
  const viaSdk: number[] = [];
  for (let i = 0; i < SDK_ROUNDS + 200; i++) {
    let t = performance.now();
    const res = await fetch(f.url + trpcPath, { headers: { authorization: auth } });
    superjson.deserialize(((await res.json()) as { result: { data: never } }).result.data);
    const rawMs = performance.now() - t;
    t = performance.now();
    await sdk.getEntry(f.entryId);
    const sdkMs = performance.now() - t;
    if (i >= 200) {
      raw.push(rawMs);
      viaSdk.push(sdkMs);
    }
  }
  const rawMedian = median(raw);
  const sdkMedian = median(viaSdk);
  const ratio = sdkMedian / rawMedian;
  console.log(
    `SDK getEntry median ${sdkMedian.toFixed(3)} ms vs raw fetch ${rawMedian.toFixed(3)} ms: ratio ${ratio.toFixed(2)}`,
  );

  await f.close();
  console.log(
    JSON.stringify({
      bench: 'api-http',
      database: f.runtime.database.kind,
      limiter: f.runtime.env.REDIS_URL ? 'redis' : 'memory',
      connections: CONNECTIONS,
      seconds: SECONDS,
      runs: RUNS,
      trpc: single.trpc,
      rest: single.rest,
      workers: WORKERS,
      trpcWorkers: multi?.trpc ?? null,
      restWorkers: multi?.rest ?? null,
      sdkMedianMs: Number(sdkMedian.toFixed(3)),
      rawFetchMedianMs: Number(rawMedian.toFixed(3)),
      sdkOverheadRatio: Number(ratio.toFixed(2)),
    }),
  );
  process.exit(0);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
