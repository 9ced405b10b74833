import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** A URL-valued variable that must use one of the given schemes; errors name the variable. */
export function urlVar(name: string, schemes: string[]) {
  return z
    .string()
    .trim()
    .min(1)
    .refine(
      (value) => {
        try {
          return schemes.includes(new URL(value).protocol.replace(/:$/, ''));
        } catch {
          return false;
        }
      },
      { message: `${name} must be a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}` },
    );
}

export const dbEnvSchema = z.object({
  DATABASE_URL: urlVar('DATABASE_URL', ['postgres', 'postgresql']).optional(),
  PGLITE_DATA_DIR: z.string().trim().min(1).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATABASE_PREPARED_STATEMENTS: z.stringbool().default(true),
});
export type DbEnv = z.infer<typeof dbEnvSchema>;

/** Thrown at boot when configuration is invalid; its message is one line naming the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parse a schema against the environment, turning zod issues into one readable line. */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  // Empty strings in .env files mean "unset", as in most twelve-factor tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = issue?.path.join('.') || 'environment';
    throw new ConfigError(`Invalid configuration: ${variable}: ${issue?.message ?? 'invalid value'}`);
  }
  return result.data;
}

let cached: DbEnv | undefined;
export function getDbEnv(): DbEnv {
  cached ??= parseEnv(dbEnvSchema);
  return cached;
}

/** Repository root (the folder holding turbo.json), so `.data/` is stable whatever the cwd. */
export function findRepoRoot(start = process.cwd()): string {
  let dir = path.resolve(/*turbopackIgnore: true*/ start);
  for (;;) {
    if (existsSync(path.join(dir, 'turbo.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(/*turbopackIgnore: true*/ start);
    dir = parent;
  }
}

export function defaultPgliteDir(env: DbEnv = getDbEnv()): string {
  return path.resolve(/*turbopackIgnore: true*/ findRepoRoot(), env.PGLITE_DATA_DIR ?? '.data/pglite');
}
