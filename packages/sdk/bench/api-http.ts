/**
 * `knowledge.byId` over tRPC and over REST with an API key, driven by autocannon (a separate
 * process, 32 connections), against the API surfaces served by a plain Node HTTP server
 * (`serveApi`: the same fetch handlers Next's route handlers call, without Next's router) on the
 * configured database; rate limiting on (in-process buckets, or Redis with REDIS_URL), with a plan
 * large enough never to refuse. Then the SDK's
 * overhead: `sdk.getEntry` against a raw `fetch` of the same tRPC call, interleaved, one at a time.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/consailt_bench [REDIS_URL=redis://127.0.0.1:6379] \
 *     npm run bench:api -- [seconds]
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startApiFixture } from '@consailt/api/api-fixture';
import superjson from 'superjson';
import { createConsailtClient } from '../src/index';

const run = promisify(execFile);
const SECONDS = Number(process.argv[2] ?? 10);
const CONNECTIONS = 32;
const SDK_ROUNDS = 2000;

const f = await startApiFixture({
  poolMax: 16,
  // With REDIS_URL the buckets (and the job queue) are on Redis, as in production.
  redisUrl: process.env.REDIS_URL || undefined,
  env: {
    RATE_LIMIT_ENABLED: 'true',
    RATE_LIMIT_PLANS: JSON.stringify({ team: { capacity: 1_000_000, refillPerSecond: 1_000_000 } }),
  },
});
const auth = `Bearer ${f.fullKey}`;
const trpcUrl = `${f.url}/api/trpc/knowledge.byId?input=${encodeURIComponent(superjson.stringify({ id: f.entryId }))}`;
const restUrl = `${f.url}/api/v1/knowledge/${f.entryId}`;

type Cannon = {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
};

async function cannon(url: string) {
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
  return {
    reqPerSec: Math.round(r.requests.average),
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  };
}

// Warm up (JIT, pool, key cache, plan cache).
for (let i = 0; i < 300; i++) {
  await (await fetch(trpcUrl, { headers: { authorization: auth } })).arrayBuffer();
  await (await fetch(restUrl, { headers: { authorization: auth } })).arrayBuffer();
}
const trpc = await cannon(trpcUrl);
console.log(
  `tRPC knowledge.byId: ${trpc.reqPerSec} req/s, p50 ${trpc.p50Ms} ms, p99 ${trpc.p99Ms} ms (non-2xx ${trpc.non2xx})`,
);
const rest = await cannon(restUrl);
console.log(
  `REST GET /knowledge/{id}: ${rest.reqPerSec} req/s, p50 ${rest.p50Ms} ms, p99 ${rest.p99Ms} ms (non-2xx ${rest.non2xx})`,
);

const sdk = createConsailtClient({ baseUrl: f.url, apiKey: f.fullKey });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const raw: number[] = [];
const viaSdk: number[] = [];
for (let i = 0; i < SDK_ROUNDS + 200; i++) {
  let t = performance.now();
  const res = await fetch(trpcUrl, { headers: { authorization: auth } });
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
    trpc,
    rest,
    sdkMedianMs: Number(sdkMedian.toFixed(3)),
    rawFetchMedianMs: Number(rawMedian.toFixed(3)),
    sdkOverheadRatio: Number(ratio.toFixed(2)),
  }),
);
process.exit(0);
