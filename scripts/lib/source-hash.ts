import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** What the web build is made of: a change here makes the built app stale. */
export const SOURCE_DIRS = [
  'apps/web',
  'packages/api/src',
  'packages/db/src',
  'packages/ai/src',
  'packages/ui/src',
];
/** Held by the launcher while it builds; it sits in apps/web, so the hash must not see it. */
export const BUILD_LOCK = '.consailt-build.lock';
// `e2e` and `bench` hold browser tests and benchmarks that drive the built app; they are not part of it.
const SKIP = new Set(['node_modules', '.next', '.turbo', 'dist', '.data', 'e2e', 'bench', BUILD_LOCK]);

/**
 * Generated and test-only files must not make a built app look stale: next-env.d.ts and
 * tsbuildinfo are written by the build, the build lock exists while the stamp is computed and is
 * gone on the next start, and tests are not part of the app.
 */
function skipped(name: string): boolean {
  return (
    SKIP.has(name) || name === 'next-env.d.ts' || name.endsWith('.tsbuildinfo') || name.endsWith('.test.ts')
  );
}

/** Content hash of the web app's sources (paths and bytes) and the lockfile under `root`. */
export function sourceHash(root: string, dirs: readonly string[] = SOURCE_DIRS): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (skipped(name)) continue;
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else hash.update(path.relative(root, full)).update(readFileSync(full));
    }
  };
  for (const d of dirs) if (existsSync(path.join(root, d))) walk(path.join(root, d));
  const lockfile = path.join(root, 'package-lock.json');
  if (existsSync(lockfile)) hash.update(readFileSync(lockfile));
  return hash.digest('hex');
}
