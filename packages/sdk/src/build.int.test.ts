import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { type ApiFixture, startApiFixture } from '@consailt/api/api-fixture';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const sdkDir = path.resolve(import.meta.dirname, '..');

describe('the built SDK (ESM + .d.ts) from a plain Node script', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await startApiFixture();
  });
  afterAll(() => f?.close());

  it('builds without server code and runs under plain node', { timeout: 300_000 }, async () => {
    await run('npx', ['tsup'], { cwd: sdkDir, timeout: 280_000 });
    const js = readFileSync(path.join(sdkDir, 'dist/index.js'), 'utf8');
    const dts = readFileSync(path.join(sdkDir, 'dist/index.d.ts'), 'utf8');
    // Only the client runtime is imported: @consailt/api is a type-only dependency.
    expect([...js.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]).sort()).toEqual([
      '@trpc/client',
      'superjson',
    ]);
    expect(dts).toContain(
      'declare function createConsailtClient(options: ConsailtClientOptions): ConsailtClient;',
    );
    const script = `
      import { createConsailtClient, NotFoundError } from ${JSON.stringify(path.join(sdkDir, 'dist/index.js'))};
      const sdk = createConsailtClient({ baseUrl: process.env.BASE_URL, apiKey: process.env.API_KEY });
      const engagements = await sdk.listEngagements();
      const missing = await sdk.getEntry('00000000-0000-4000-8000-000000000000').catch((e) => e);
      console.log(JSON.stringify({ names: engagements.map((e) => e.name), notFound: missing instanceof NotFoundError }));
    `;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
      cwd: sdkDir,
      env: { ...process.env, BASE_URL: f.url, API_KEY: f.fullKey },
    });
    expect(JSON.parse(stdout.trim())).toEqual({ names: ['Market entry'], notFound: true });
  });
});
