import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetApiEnvForTests } from '../env';
import { runAdmin } from './admin';

describe('admin CLI', () => {
  let dir: string | null = null;
  const name = `CLI Org ${Date.now()}`;

  beforeAll(() => {
    // Real PostgreSQL when configured, otherwise a throwaway embedded database.
    if (!process.env.DATABASE_URL) {
      dir = mkdtempSync(path.join(tmpdir(), 'consailt-cli-'));
      process.env.PGLITE_DATA_DIR = dir;
    }
    resetApiEnvForTests();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    delete process.env.PGLITE_DATA_DIR;
    resetApiEnvForTests();
  });

  it('creates an organization, adds a member and prints a key on its own line', async () => {
    expect((await runAdmin(['create-org', '--name', name])).code).toBe(0);
    const added = await runAdmin([
      'add-member',
      '--org',
      name,
      '--email',
      'Ops@Example.test',
      '--role',
      'admin',
    ]);
    expect(added).toMatchObject({ code: 0, out: [`ops@example.test is now admin of ${name}`] });
    const key = await runAdmin([
      'create-api-key',
      '--org',
      name,
      '--name',
      'automation',
      '--scopes',
      'knowledge:read,ai:use',
    ]);
    expect(key.code).toBe(0);
    expect(key.out.at(-1)).toMatch(/^csk_[a-z0-9]{12}_[A-Za-z0-9]{32}$/);
    const list = await runAdmin(['list-orgs']);
    expect(list.out.some((l) => l.includes(name) && l.includes('(1 member)'))).toBe(true);
  });

  it('validates its arguments with clear errors and exit code 2', async () => {
    expect(await runAdmin([])).toMatchObject({ code: 2 });
    expect(await runAdmin(['explode'])).toMatchObject({
      code: 2,
      err: ['unknown command: explode', expect.any(String)],
    });
    expect(await runAdmin(['create-org'])).toMatchObject({ code: 2, err: ['--name is required'] });
    expect(await runAdmin(['create-org', '--bogus', 'x'])).toMatchObject({ code: 2 });
    expect(await runAdmin(['add-member', '--org', name, '--email', 'nope', '--role', 'admin'])).toMatchObject(
      {
        code: 2,
        err: ['--email must be an email address'],
      },
    );
    expect(
      await runAdmin(['add-member', '--org', name, '--email', 'a@b.test', '--role', 'king']),
    ).toMatchObject({
      code: 2,
      err: ['--role must be one of owner, admin, member, viewer'],
    });
    const badScope = await runAdmin(['create-api-key', '--org', name, '--name', 'x', '--scopes', 'bogus']);
    expect(badScope.code).toBe(2);
    expect(badScope.err[0]).toContain('unknown scope(s): bogus');
  });

  it('says when an organization does not exist', async () => {
    expect(
      await runAdmin(['add-member', '--org', 'No Such Org', '--email', 'a@b.test', '--role', 'admin']),
    ).toMatchObject({
      code: 1,
      err: ['Organization No Such Org not found'],
    });
  });
});
