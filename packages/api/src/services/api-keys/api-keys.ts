import { apiKeys, organizations, users } from '@consailt/db';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { SCOPES, type Scope } from '../../auth/permissions';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { createKeyCache } from './key-cache';
import { generateApiKey, hashApiKey, parseApiKey, verifyApiKeyHash } from './key-format';

export const ZCreateApiKeyInput = z.object({
  name: z.string().trim().min(1, 'Name is required').max(100),
  scopes: z.array(z.enum(SCOPES)).min(1, 'Pick at least one scope').max(SCOPES.length),
  expiresAt: z.date().nullish(),
});
export type CreateApiKeyInput = z.infer<typeof ZCreateApiKeyInput>;

/**
 * Create a key whose scopes are a subset of the creator's. The secret is returned once; only its
 * keyed hash is stored.
 */
export async function createApiKey(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: CreateApiKeyInput,
  hashSecret: string,
) {
  const held = scope.actor.kind === 'system' ? SCOPES : scope.actor.scopes;
  const excess = input.scopes.filter((s) => !held.includes(s));
  if (excess.length) throw new ForbiddenError(`Cannot grant scopes you do not hold: ${excess.join(', ')}`);
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw new ValidationError('expiresAt must be in the future');
  }
  const { key, prefix } = generateApiKey();
  const [row] = await deps.db
    .insert(apiKeys)
    .values({
      orgId: scope.orgId,
      name: input.name,
      prefix,
      hash: hashApiKey(key, hashSecret),
      scopes: [...new Set(input.scopes)],
      createdBy: actorUserId(scope.actor),
      expiresAt: input.expiresAt ?? null,
    })
    .returning();
  if (!row) throw new Error('api key insert returned nothing');
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'api_key.created',
    targetType: 'api_key',
    targetId: row.id,
    metadata: { name: row.name, scopes: row.scopes, expiresAt: row.expiresAt?.toISOString() ?? null },
    request: scope.request,
  });
  return { key, apiKey: toDto(row) };
}

function toDto(row: typeof apiKeys.$inferSelect & { createdByName?: string | null }) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as Scope[],
    createdBy: row.createdBy,
    createdByName: row.createdByName ?? null,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}
export type ApiKeyDto = ReturnType<typeof toDto>;

export async function listApiKeys(deps: Pick<Deps, 'db'>, scope: OrgScope): Promise<ApiKeyDto[]> {
  const rows = await deps.db
    .select({ key: apiKeys, createdByName: users.name })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .where(eq(apiKeys.orgId, scope.orgId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => toDto({ ...r.key, createdByName: r.createdByName }));
}

export async function revokeApiKey(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string): Promise<ApiKeyDto> {
  const [row] = await deps.db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, scope.orgId)))
    .returning();
  if (!row) throw new NotFoundError('API key', id);
  // Effective at once in this process; elsewhere within the cache TTL (see key-cache.ts).
  verifiedKeys.forget(row.id);
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'api_key.revoked',
    targetType: 'api_key',
    targetId: row.id,
    metadata: { name: row.name },
    request: scope.request,
  });
  return toDto(row);
}

export type AuthenticatedKey = {
  id: string;
  orgId: string;
  org: { id: string; name: string; slug: string };
  scopes: Scope[];
  createdBy: string | null;
};

/** Verified keys by their keyed hash, for a few seconds (revocation bound: key-cache.ts). */
const verifiedKeys = createKeyCache<AuthenticatedKey>();

/**
 * Resolve a bearer key. Unknown, malformed, revoked and expired keys all return null: the caller
 * answers 401 without saying which. `last_used_at` is written at most once a minute per key.
 * A verified key is cached in memory for a few seconds, so repeated calls skip the database.
 */
export async function authenticateApiKey(
  deps: Pick<Deps, 'db'>,
  key: string,
  hashSecret: string,
): Promise<AuthenticatedKey | null> {
  const parsed = parseApiKey(key);
  if (!parsed) return null;
  const hash = hashApiKey(key, hashSecret);
  const cached = verifiedKeys.get(hash);
  if (cached) return cached;
  // One round trip: the key and its organization together.
  const [found] = await deps.db
    .select({
      key: apiKeys,
      org: { id: organizations.id, name: organizations.name, slug: organizations.slug },
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .where(eq(apiKeys.prefix, parsed.prefix));
  const row = found?.key;
  if (!found || !row || !verifyApiKeyHash(key, row.hash, hashSecret)) return null;
  if (row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await deps.db
      .update(apiKeys)
      .set({ lastUsedAt: new Date() })
      .where(
        and(
          eq(apiKeys.id, row.id),
          or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(Date.now() - 60_000))),
        ),
      );
  }
  const verified: AuthenticatedKey = {
    id: row.id,
    orgId: row.orgId,
    org: found.org,
    scopes: row.scopes as Scope[],
    createdBy: row.createdBy,
  };
  verifiedKeys.set(hash, verified, row.expiresAt);
  return verified;
}
