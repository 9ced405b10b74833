/**
 * `npm run bench:start`: time from `npm start` to a healthy /api/health in the embedded mode, on a
 * fresh data directory (migrate + seed) and on a warm one, and the resident memory of the running
 * processes at idle. The web build is done first and reported separately (it only happens when
 * sources change). Ends with one JSON line.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PORT = 3191;
const RUNS = Number(process.argv[2] ?? 3);

function cleanEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(PORT),
    PGLITE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  };
  for (const k of [
    'DATABASE_URL',
    'REDIS_URL',
    'CLERK_SECRET_KEY',
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'CI',
  ])
    delete env[k];
  return env;
}

/** Resident memory of a process and all its descendants, in MB (from /proc). */
function treeRssMb(pid: number): number {
  const children = new Map<number, number[]>();
  for (const line of execFileSync('ps', ['-eo', 'pid=,ppid=']).toString().trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number) as [number, number];
    children.set(pp, [...(children.get(pp) ?? []), p]);
  }
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop() as number;
    try {
      const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      kb += Number(m?.[1] ?? 0);
    } catch {
      // exited
    }
    stack.push(...(children.get(p) ?? []));
  }
  return Math.round(kb / 1024);
}

async function startAndWait(dataDir: string): Promise<{ ms: number; child: ChildProcess }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts')], {
    cwd: root,
    env: cleanEnv(dataDir),
    stdio: 'ignore',
    detached: true,
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return { ms: performance.now() - t0, child };
    } catch {
      // not up yet
    }
    if (performance.now() - t0 > 240_000) throw new Error('did not become healthy in 240 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-(child.pid as number), 'SIGTERM');
  } catch {
    // already gone
  }
  await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const b0 = performance.now();
execFileSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/start.ts'), '--build-only'], {
  cwd: root,
  env: cleanEnv(path.join(tmpdir(), 'unused')),
  stdio: 'ignore',
});
const buildOrCheckMs = performance.now() - b0;

const cold: number[] = [];
const warm: number[] = [];
let idleRssMb = 0;
for (let i = 0; i < RUNS; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), 'consailt-start-'));
  const first = await startAndWait(path.join(dir, 'pglite'));
  cold.push(first.ms);
  await stop(first.child);
  const second = await startAndWait(path.join(dir, 'pglite'));
  warm.push(second.ms);
  if (i === RUNS - 1) {
    // Idle: let start-up garbage settle, then sample the launcher + Next.js process tree.
    await new Promise((r) => setTimeout(r, 10_000));
    idleRssMb = treeRssMb(second.child.pid as number);
  }
  await stop(second.child);
  rmSync(dir, { recursive: true, force: true });
}

const result = {
  bench: 'embedded-start',
  runs: RUNS,
  buildCheckMs: Math.round(buildOrCheckMs),
  coldStartMedianMs: Math.round(median(cold)),
  warmStartMedianMs: Math.round(median(warm)),
  coldStartsMs: cold.map(Math.round),
  warmStartsMs: warm.map(Math.round),
  idleRssMb,
};
console.log(
  `fresh data dir (migrate + seed): median ${(result.coldStartMedianMs / 1000).toFixed(1)} s over ${RUNS}`,
);
console.log(
  `warm data dir:                   median ${(result.warmStartMedianMs / 1000).toFixed(1)} s over ${RUNS}`,
);
console.log(`idle resident memory (launcher + web + in-process worker): ${idleRssMb} MB`);
console.log(JSON.stringify(result));
