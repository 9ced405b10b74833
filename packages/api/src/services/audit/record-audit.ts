import { auditLog, type Executor } from '@consailt/db';
import type { Actor } from '../types';

export type RequestMeta = { ip: string | null; userAgent: string | null };

export type AuditEvent = {
  orgId: string;
  actor: Actor;
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
  request?: RequestMeta;
};

/**
 * Append to the audit log. Call it with the same executor (transaction) as the action it records,
 * so an action and its audit row commit or roll back together.
 */
export async function recordAudit(db: Executor, event: AuditEvent): Promise<void> {
  const actor = event.actor;
  await db.insert(auditLog).values({
    orgId: event.orgId,
    actorType: actor.kind === 'apiKey' ? 'api_key' : actor.kind,
    actorUserId: actor.kind === 'user' ? actor.userId : actor.kind === 'apiKey' ? actor.createdBy : null,
    actorApiKeyId: actor.kind === 'apiKey' ? actor.apiKeyId : null,
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    ip: event.request?.ip ?? null,
    userAgent: event.request?.userAgent?.slice(0, 500) ?? null,
    metadata: event.metadata ?? {},
  });
}
