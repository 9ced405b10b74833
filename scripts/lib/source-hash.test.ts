import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_LOCK, sourceHash } from './source-hash';

describe('sourceHash', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'consailt-hash-'));
    mkdirSync(path.join(root, 'apps/web/src'), { recursive: true });
    writeFileSync(path.join(root, 'apps/web/src/page.tsx'), 'export default 1;');
    writeFileSync(path.join(root, 'package-lock.json'), '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('changes when a source file or the lockfile changes', () => {
    const before = sourceHash(root);
    writeFileSync(path.join(root, 'apps/web/src/page.tsx'), 'export default 2;');
    const edited = sourceHash(root);
    expect(edited).not.toBe(before);
    writeFileSync(path.join(root, 'package-lock.json'), '{"v":2}');
    expect(sourceHash(root)).not.toBe(edited);
  });

  it('ignores the build lock, build output and tests, so a fresh build is not stale on the next start', () => {
    const before = sourceHash(root);
    writeFileSync(path.join(root, 'apps/web', BUILD_LOCK), '12345');
    writeFileSync(path.join(root, 'apps/web/next-env.d.ts'), '/// <reference types="next" />');
    writeFileSync(path.join(root, 'apps/web/tsconfig.tsbuildinfo'), '{}');
    writeFileSync(path.join(root, 'apps/web/src/page.test.ts'), 'test');
    mkdirSync(path.join(root, 'apps/web/.next'));
    writeFileSync(path.join(root, 'apps/web/.next/BUILD_ID'), 'abc');
    expect(sourceHash(root)).toBe(before);
  });

  it('ignores browser-test helpers and benchmarks, which drive the built app without being part of it', () => {
    const before = sourceHash(root);
    mkdirSync(path.join(root, 'apps/web/e2e'));
    writeFileSync(path.join(root, 'apps/web/e2e/app-server.ts'), 'export {}');
    mkdirSync(path.join(root, 'apps/web/bench'));
    writeFileSync(path.join(root, 'apps/web/bench/web-vitals.ts'), 'export {}');
    expect(sourceHash(root)).toBe(before);
  });
});
