/**
 * Admin CLI for operators and automation: `npm run admin -- <command> [--flag value]`.
 * Works against DATABASE_URL or the embedded database (stop `npm start` first: PGlite is
 * single-process). Exit codes: 0 done, 1 failed, 2 bad usage.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, createDatabase, findRepoRoot } from '@consailt/db';
import { sessionSecret } from '../context';
import { getApiEnv } from '../env';
import { DomainError } from '../errors';
import { COMMANDS, type CommandName, UsageError } from './admin-commands';

const USAGE = `usage: npm run admin -- <command> [options]
  create-org      --name <name>
  add-member      --org <name|id> --email <email> --role <owner|admin|member|viewer> [--name <display name>]
  create-api-key  --org <name|id> --name <label> --scopes <comma list|all> [--expires-days <n>]
  list-orgs`;

export async function runAdmin(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help')
    return { code: command ? 0 : 2, out: [USAGE], err: [] };
  if (!(command in COMMANDS)) return { code: 2, out: [], err: [`unknown command: ${command}`, USAGE] };
  let flags: Record<string, string | undefined>;
  try {
    const parsed = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        org: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        scopes: { type: 'string' },
        'expires-days': { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    });
    flags = parsed.values as Record<string, string | undefined>;
  } catch (error) {
    return { code: 2, out: [], err: [(error as Error).message, USAGE] };
  }
  let handle: Awaited<ReturnType<typeof createDatabase>> | undefined;
  try {
    const env = getApiEnv();
    handle = await createDatabase({ url: env.DATABASE_URL, poolMax: 2 });
    await handle.migrate();
    const out = await COMMANDS[command as CommandName](handle.db, flags, sessionSecret(env));
    return { code: 0, out, err: [] };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, out: [], err: [error.message] };
    if (error instanceof DomainError || error instanceof ConfigError)
      return { code: 1, out: [], err: [error.message] };
    return { code: 1, out: [], err: [`failed: ${error instanceof Error ? error.message : String(error)}`] };
  } finally {
    await handle?.close();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join('cli', 'admin.ts'));
if (isMain) {
  const dotenv = path.join(findRepoRoot(), '.env');
  if (existsSync(dotenv)) process.loadEnvFile(dotenv);
  const result = await runAdmin(process.argv.slice(2));
  for (const line of result.out) console.log(line);
  for (const line of result.err) console.error(line);
  process.exit(result.code);
}
