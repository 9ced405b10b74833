/**
 * Cost of authentication per request: an API-key-authenticated, org-scoped procedure (key lookup
 * + membership-free org resolution + the row-level-security transaction) against an
 * unauthenticated procedure, both through the real tRPC fetch adapter in one process, interleaved.
 * The key is looked up once and then served from the in-process cache (5 s TTL, see
 * services/api-keys/key-cache.ts), as for any client that calls more than once every few seconds;
 * on postgres.js the transaction's BEGIN, org context and (for a procedure that makes no query)
 * COMMIT travel in one flight (packages/db/src/org-context.ts).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/consailt_bench npx tsx packages/api/bench/auth-overhead.ts
 */
import { createMember, createOrg } from '@consailt/db/testing';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createTRPCContext } from '../src/context';
import { appRouter } from '../src/routers/app-router';
import { setRuntimeForTests } from '../src/runtime';
import { callerAs, createTestRuntime } from '../src/testing';

const ROUNDS = Number(process.argv[2] ?? 2000);

async function call(path: string, headers: Record<string, string>) {
  const req = new Request(`http://bench/api/trpc/${path}`, { headers });
  const res = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ req: r, resHeaders }) => createTRPCContext({ headers: r.headers, resHeaders }),
  });
  if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)] ?? 0;

const runtime = await createTestRuntime();
setRuntimeForTests(runtime);
const db = runtime.database.db;
const org = await createOrg(db);
const { user } = await createMember(db, { orgId: org.id, role: 'owner' });
const { key } = await (await callerAs(runtime, user.id, org.id)).apiKeys.create({
  name: 'bench',
  scopes: ['knowledge:read'],
});
const authed = { authorization: `Bearer ${key}` };

// Warm up both paths (JIT, connection pool, prepared statements).
for (let i = 0; i < 200; i++) {
  await call('auth.session', {});
  await call('orgs.current', authed);
}
const anon: number[] = [];
const auth: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  let t = performance.now();
  await call('auth.session', {});
  anon.push(performance.now() - t);
  t = performance.now();
  await call('orgs.current', authed);
  auth.push(performance.now() - t);
}
const result = {
  bench: 'auth-overhead',
  database: runtime.database.kind,
  rounds: ROUNDS,
  unauthenticatedMedianMs: +median(anon).toFixed(3),
  authenticatedMedianMs: +median(auth).toFixed(3),
  addedMedianMs: +(median(auth) - median(anon)).toFixed(3),
  ratio: +(median(auth) / median(anon)).toFixed(2),
  authenticatedP95Ms: +p(auth, 0.95).toFixed(3),
};
console.log(`unauthenticated auth.session   median ${result.unauthenticatedMedianMs} ms`);
console.log(
  `API key + RLS   orgs.current   median ${result.authenticatedMedianMs} ms (p95 ${result.authenticatedP95Ms} ms)`,
);
console.log(`added by authentication: ${result.addedMedianMs} ms at the median (ratio ${result.ratio})`);
console.log(JSON.stringify(result));
setRuntimeForTests(null);
await runtime.close();
