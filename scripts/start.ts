/**
 * `npm start` (and `npm run dev` with --dev): the embedded-defaults launcher.
 *
 * Builds the web app when its sources changed since the last build (a content hash, so a warm
 * start skips the build), then runs Next.js. Migrations, the demo seed and the in-process job
 * runner start inside the Next.js process (instrumentation), because the embedded PGlite database
 * can only be opened by one process. Prints the URL once /api/health answers 200.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { BUILD_LOCK, sourceHash } from './lib/source-hash';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const webDir = path.join(root, 'apps/web');
const dev = process.argv.includes('--dev');

if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

const env = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
  })
  .safeParse(process.env);
if (!env.success) {
  console.error(
    `Invalid configuration: ${env.error.issues[0]?.path.join('.')}: ${env.error.issues[0]?.message}`,
  );
  process.exit(1);
}
const { PORT, HOST } = env.data;
const childEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', PORT: String(PORT) };
const nextBin = path.join(root, 'node_modules/next/dist/bin/next');

/** Held while building, so two launchers started together (e.g. parallel e2e suites) build once. */
function acquireBuildLock(lock: string): () => void {
  const deadline = Date.now() + 600_000;
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch {
      const holder = Number(readFileSync(lock, 'utf8'));
      let alive = false;
      try {
        process.kill(holder, 0);
        alive = true;
      } catch {
        alive = false;
      }
      if (!alive) rmSync(lock, { force: true });
      else if (Date.now() > deadline) throw new Error(`another build (pid ${holder}) holds ${lock}`);
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

function buildIfNeeded() {
  const stamp = path.join(webDir, '.next/consailt-source-hash');
  const isCurrent = () =>
    existsSync(path.join(webDir, '.next/BUILD_ID')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === sourceHash(root);
  if (isCurrent()) {
    console.log('[consailt] web build is up to date');
    return;
  }
  const release = acquireBuildLock(path.join(webDir, BUILD_LOCK));
  try {
    // Another launcher may have built while we waited for the lock.
    if (isCurrent()) return;
    console.log('[consailt] building the web app (first start or sources changed)…');
    const started = Date.now();
    // The fingerprint of what is about to be built: a file edited during the build makes the
    // stamp stale, so the next start rebuilds instead of serving the older build as current.
    const building = sourceHash(root);
    const result = spawnSync(process.execPath, [nextBin, 'build'], {
      cwd: webDir,
      env: childEnv,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      console.error('[consailt] build failed');
      process.exit(result.status ?? 1);
    }
    writeFileSync(stamp, building);
    console.log(`[consailt] built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    release();
  }
}

async function waitForHealth(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
      if (res.ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

if (!dev) buildIfNeeded();
if (process.argv.includes('--build-only')) process.exit(0);

const child = spawn(
  process.execPath,
  [nextBin, dev ? 'dev' : 'start', '--port', String(PORT), '--hostname', HOST],
  { cwd: webDir, env: childEnv, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

const url = `http://localhost:${PORT}`;
if (await waitForHealth(`${url}/api/health`, dev ? 300_000 : 180_000)) {
  console.log(`\n[consailt] ready: ${url}  (sign in as one of the demo users)\n`);
} else {
  console.error(`[consailt] ${url}/api/health did not become healthy; see the log above`);
}
