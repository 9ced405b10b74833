import { apiKeys, auditLog, users } from '@consailt/db';
import { and, desc, eq, gte, lt, lte, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import type { Deps, OrgScope } from '../types';

export const ZListAuditInput = z.object({
  actorUserId: z.uuid().optional(),
  actorApiKeyId: z.uuid().optional(),
  action: z.string().trim().min(1).max(100).optional(),
  targetId: z.string().trim().min(1).max(100).optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).nullish(),
});
export type ListAuditInput = z.infer<typeof ZListAuditInput>;

export async function listAudit(deps: Pick<Deps, 'db'>, scope: OrgScope, input: ListAuditInput) {
  const conditions = [eq(auditLog.orgId, scope.orgId)];
  if (input.actorUserId) conditions.push(eq(auditLog.actorUserId, input.actorUserId));
  if (input.actorApiKeyId) conditions.push(eq(auditLog.actorApiKeyId, input.actorApiKeyId));
  if (input.action) {
    // Prefix match with LIKE's wildcards escaped, so `member.role_changed` matches literally.
    const prefix = input.action.replace(/[\\%_]/g, (c) => `\\${c}`);
    conditions.push(sql`${auditLog.action} like ${`${prefix}%`} escape '\\'`);
  }
  if (input.targetId) conditions.push(eq(auditLog.targetId, input.targetId));
  if (input.from) conditions.push(gte(auditLog.createdAt, input.from));
  if (input.to) conditions.push(lte(auditLog.createdAt, input.to));
  if (input.cursor) {
    const [iso, id] = input.cursor.split('|');
    const at = new Date(iso ?? '');
    if (!id || Number.isNaN(at.getTime())) throw new ValidationError('Invalid cursor');
    const c = or(
      lt(auditLog.createdAt, at),
      and(eq(auditLog.createdAt, at), sql`${auditLog.id} < ${id}::uuid`),
    );
    if (c) conditions.push(c);
  }
  const rows = await deps.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorType: auditLog.actorType,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorApiKeyId: auditLog.actorApiKeyId,
      actorKeyName: apiKeys.name,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      metadata: auditLog.metadata,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .leftJoin(apiKeys, eq(apiKeys.id, auditLog.actorApiKeyId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? `${last.createdAt.toISOString()}|${last.id}` : null,
  };
}
