import { type Database, memberships, ROLES, users, withOrgContext } from '@consailt/db';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { SCOPES, type Scope } from '../auth/permissions';
import { createApiKey } from '../services/api-keys';
import { recordAudit } from '../services/audit';
import { createOrganization, findOrganization, listOrganizations } from '../services/orgs';
import type { Actor } from '../services/types';

const SYSTEM: Actor = { kind: 'system' };

export class UsageError extends Error {}

const ZName = z.string().trim().min(2, '--name must be at least 2 characters').max(100);
const ZEmail = z.email('--email must be an email address');
const ZRole = z.enum(ROLES, { message: `--role must be one of ${ROLES.join(', ')}` });
const ZScopes = z
  .string()
  .trim()
  .min(1, '--scopes is required')
  .transform((value, ctx): Scope[] => {
    if (value === 'all') return [...SCOPES];
    const list = value.split(',').map((s) => s.trim());
    const unknown = list.filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown scope(s): ${unknown.join(', ')} (known: ${SCOPES.join(', ')})`,
      });
      return z.NEVER;
    }
    return list as Scope[];
  });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UsageError(r.error.issues[0]?.message ?? 'invalid argument');
  return r.data;
}

function required(flags: Record<string, string | undefined>, name: string): string {
  const v = flags[name];
  if (v === undefined || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

/** Each command returns the lines to print; errors are UsageError (exit 2) or domain errors (exit 1). */
export const COMMANDS = {
  'create-org': async (db: Database, flags: Record<string, string | undefined>) => {
    const name = parse(ZName, required(flags, 'name'));
    const org = await createOrganization(db, { name, ownerId: null, actor: SYSTEM });
    return [`created organization ${org.name} (${org.id})`];
  },

  'add-member': async (db: Database, flags: Record<string, string | undefined>) => {
    const org = await findOrganization(db, required(flags, 'org'));
    const email = parse(ZEmail, required(flags, 'email')).toLowerCase();
    const role = parse(ZRole, required(flags, 'role'));
    let [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email}`);
    if (!user) {
      [user] = await db
        .insert(users)
        .values({ email, name: flags.name ?? email.split('@')[0] ?? email })
        .returning();
    }
    if (!user) throw new Error('could not create user');
    const userId = user.id;
    await withOrgContext(db, org.id, async (tx) => {
      const [existing] = await tx
        .select()
        .from(memberships)
        .where(and(eq(memberships.orgId, org.id), eq(memberships.userId, userId)));
      if (existing) await tx.update(memberships).set({ role }).where(eq(memberships.id, existing.id));
      else await tx.insert(memberships).values({ orgId: org.id, userId, role });
      await recordAudit(tx, {
        orgId: org.id,
        actor: SYSTEM,
        action: existing ? 'member.role_changed' : 'member.added',
        targetType: 'user',
        targetId: userId,
        metadata: { email, role, via: 'admin-cli' },
      });
    });
    return [`${email} is now ${role} of ${org.name}`];
  },

  'create-api-key': async (db: Database, flags: Record<string, string | undefined>, hashSecret: string) => {
    const org = await findOrganization(db, required(flags, 'org'));
    const name = parse(z.string().trim().min(1, '--name is required').max(100), required(flags, 'name'));
    const scopes = parse(ZScopes, required(flags, 'scopes'));
    const days = flags['expires-days'];
    const expiresAt =
      days === undefined
        ? null
        : new Date(
            Date.now() +
              parse(z.coerce.number().int().min(1, '--expires-days must be ≥ 1').max(3650), days) *
                86_400_000,
          );
    const { key, apiKey } = await withOrgContext(db, org.id, (tx) =>
      createApiKey({ db: tx }, { orgId: org.id, actor: SYSTEM }, { name, scopes, expiresAt }, hashSecret),
    );
    // The key alone on the last line, so scripts can capture it with `tail -1`.
    return [
      `created API key ${apiKey.name} (${apiKey.id}) for ${org.name}; it will not be shown again:`,
      key,
    ];
  },

  'list-orgs': async (db: Database) => {
    const orgs = await listOrganizations(db);
    if (orgs.length === 0) return ['no organizations'];
    return orgs.map((o) => `${o.id}  ${o.name}  (${o.members} member${o.members === 1 ? '' : 's'})`);
  },
} as const;

export type CommandName = keyof typeof COMMANDS;
