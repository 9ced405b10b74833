import { AI_TASKS, type AiService } from '@consailt/ai';
import { type Database, organizations, withOrgContext } from '@consailt/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { ForbiddenError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import type { OrgScope } from '../types';

export const ZUpdateAiSettingsInput = z.object({
  /** Task → ordered model ids; an empty list restores the default route for that task. */
  routes: z.partialRecord(z.enum(AI_TASKS), z.array(z.string().trim().min(1).max(200)).max(6)).optional(),
  sensitiveTerms: z
    .array(z.string().trim().min(2, 'Terms are at least 2 characters').max(100))
    .max(500)
    .optional(),
  /** Owner only: turning redaction off sends client names and contact details to the model provider. */
  sanitize: z.boolean().optional(),
  tracePrompts: z.boolean().optional(),
});
export type UpdateAiSettingsInput = z.infer<typeof ZUpdateAiSettingsInput>;

export async function getAiSettings(db: Database, scope: OrgScope) {
  return withOrgContext(db, scope.orgId, async (tx) => {
    const [org] = await tx
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, scope.orgId));
    const s = org?.settings ?? {};
    return {
      routes: (s.modelOverrides ?? {}) as Record<string, string[]>,
      sensitiveTerms: s.sensitiveTerms ?? [],
      sanitize: s.sanitizeAi ?? true,
      tracePrompts: s.tracePrompts ?? false,
    };
  });
}

export async function updateAiSettings(
  db: Database,
  ai: AiService,
  scope: OrgScope,
  input: UpdateAiSettingsInput,
) {
  if (input.sanitize !== undefined && !(scope.actor.kind === 'user' && scope.actor.role === 'owner')) {
    throw new ForbiddenError('Only an owner can change AI redaction');
  }
  for (const [task, models] of Object.entries(input.routes ?? {})) {
    const unknown = (models ?? []).filter((id) => !ai.catalog.resolve(id));
    if (unknown.length) throw new ValidationError(`Unknown model for ${task}: ${unknown.join(', ')}`);
  }
  return withOrgContext(db, scope.orgId, async (tx) => {
    const [org] = await tx
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, scope.orgId));
    const before = org?.settings ?? {};
    const routes = { ...(before.modelOverrides ?? {}) };
    for (const [task, models] of Object.entries(input.routes ?? {})) {
      if (models && models.length > 0) routes[task] = models;
      else delete routes[task];
    }
    const next = {
      ...before,
      modelOverrides: routes,
      ...(input.sensitiveTerms !== undefined && { sensitiveTerms: [...new Set(input.sensitiveTerms)] }),
      ...(input.sanitize !== undefined && { sanitizeAi: input.sanitize }),
      ...(input.tracePrompts !== undefined && { tracePrompts: input.tracePrompts }),
    };
    await tx.update(organizations).set({ settings: next }).where(eq(organizations.id, scope.orgId));
    await recordAudit(tx, {
      orgId: scope.orgId,
      actor: scope.actor,
      action: 'settings.ai_updated',
      targetType: 'organization',
      targetId: scope.orgId,
      metadata: {
        changed: Object.keys(input).filter((k) => input[k as keyof UpdateAiSettingsInput] !== undefined),
      },
      request: scope.request,
    });
    return {
      routes: next.modelOverrides,
      sensitiveTerms: next.sensitiveTerms ?? [],
      sanitize: next.sanitizeAi ?? true,
      tracePrompts: next.tracePrompts ?? false,
    };
  });
}
