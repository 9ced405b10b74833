import type { BudgetLimits, OrgAiConfig } from '@consailt/ai';
import { budgets, type Database, engagements, organizations, withOrgContext } from '@consailt/db';
import { and, asc, eq, isNull, or } from 'drizzle-orm';

/**
 * The AI settings of an organization: routing and price overrides, the sanitizer switch and the
 * terms it redacts (every engagement's client name, oldest first so placeholders stay stable,
 * plus the custom list).
 */
export async function loadOrgAiConfig(db: Database, orgId: string): Promise<OrgAiConfig> {
  return withOrgContext(db, orgId, async (tx) => {
    const [org] = await tx
      .select({ settings: organizations.settings })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    const clients = await tx
      .selectDistinct({ clientName: engagements.clientName, createdAt: engagements.createdAt })
      .from(engagements)
      .where(and(eq(engagements.orgId, orgId), isNull(engagements.deletedAt)))
      .orderBy(asc(engagements.createdAt));
    const settings = org?.settings ?? {};
    return {
      routes: settings.modelOverrides as OrgAiConfig['routes'],
      models: settings.modelPrices as OrgAiConfig['models'],
      sanitize: settings.sanitizeAi ?? true,
      clientNames: [...new Set(clients.map((c) => c.clientName))],
      sensitiveTerms: settings.sensitiveTerms ?? [],
      traceContent: settings.tracePrompts ?? false,
    };
  });
}

/** Monthly hard limits for the organization and, if set, for the user. */
export async function loadBudgetLimits(
  db: Database,
  orgId: string,
  userId: string | null,
): Promise<BudgetLimits> {
  return withOrgContext(db, orgId, async (tx) => {
    const rows = await tx
      .select()
      .from(budgets)
      .where(
        and(
          eq(budgets.orgId, orgId),
          userId ? or(isNull(budgets.userId), eq(budgets.userId, userId)) : isNull(budgets.userId),
        ),
      );
    const org = rows.find((r) => r.userId === null);
    const user = rows.find((r) => r.userId !== null);
    return {
      orgHardMicroUsd: org?.hardLimitMicroUsd ?? null,
      orgSoftMicroUsd: org?.softLimitMicroUsd ?? null,
      userHardMicroUsd: user?.hardLimitMicroUsd ?? null,
    };
  });
}
