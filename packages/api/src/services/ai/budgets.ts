import { budgetPeriod } from '@consailt/ai';
import {
  aiBudgetReservations,
  budgets,
  type Database,
  memberships,
  users,
  withOrgContext,
} from '@consailt/db';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type OrgScope } from '../types';

const usd = z.number().min(0, 'Limits cannot be negative').max(1_000_000, 'Limits are at most $1,000,000');

export const ZSetBudgetInput = z
  .object({
    /** Null: the organization-wide budget. */
    userId: z.uuid().nullish(),
    hardLimitUsd: usd.nullable(),
    softLimitUsd: usd.nullable().default(null),
  })
  .refine((v) => v.hardLimitUsd === null || v.softLimitUsd === null || v.softLimitUsd <= v.hardLimitUsd, {
    message: 'The soft limit must not exceed the hard limit',
    path: ['softLimitUsd'],
  });
export type SetBudgetInput = z.infer<typeof ZSetBudgetInput>;

const toMicro = (v: number | null) => (v === null ? null : Math.round(v * 1_000_000));

/** Spend this month from the AI interaction log (what every call actually cost). */
async function monthSpend(tx: Parameters<Parameters<Database['transaction']>[0]>[0], orgId: string) {
  const period = budgetPeriod();
  const rows = await tx.execute(
    sql`select user_id, coalesce(sum(cost_micro_usd), 0)::bigint as spent from ai_interactions
        where org_id = ${orgId} and to_char(created_at at time zone 'UTC', 'YYYY-MM') = ${period} group by user_id`,
  );
  const list = (Array.isArray(rows) ? rows : (rows as unknown as { rows: unknown[] }).rows) as {
    user_id: string | null;
    spent: string | number;
  }[];
  return {
    period,
    byUser: new Map(list.map((r) => [r.user_id, Number(r.spent)])),
    total: list.reduce((s, r) => s + Number(r.spent), 0),
  };
}

export async function getBudgets(db: Database, scope: OrgScope) {
  return withOrgContext(db, scope.orgId, async (tx) => {
    const rows = await tx
      .select({ budget: budgets, name: users.name, email: users.email })
      .from(budgets)
      .leftJoin(users, eq(users.id, budgets.userId))
      .where(eq(budgets.orgId, scope.orgId));
    const spend = await monthSpend(tx, scope.orgId);
    const [reserved] = await tx
      .select({ n: sql<string>`coalesce(sum(${aiBudgetReservations.amountMicroUsd}), 0)` })
      .from(aiBudgetReservations)
      .where(
        and(
          eq(aiBudgetReservations.orgId, scope.orgId),
          eq(aiBudgetReservations.period, spend.period),
          isNull(aiBudgetReservations.settledMicroUsd),
          sql`${aiBudgetReservations.expiresAt} > now()`,
        ),
      );
    const org = rows.find((r) => r.budget.userId === null)?.budget;
    return {
      period: spend.period,
      spentMicroUsd: spend.total,
      reservedMicroUsd: Number(reserved?.n ?? 0),
      org: {
        hardLimitMicroUsd: org?.hardLimitMicroUsd ?? null,
        softLimitMicroUsd: org?.softLimitMicroUsd ?? null,
      },
      users: rows
        .filter((r) => r.budget.userId !== null)
        .map((r) => ({
          userId: r.budget.userId as string,
          name: r.name ?? '',
          email: r.email ?? '',
          hardLimitMicroUsd: r.budget.hardLimitMicroUsd,
          spentMicroUsd: spend.byUser.get(r.budget.userId) ?? 0,
        })),
    };
  });
}

/** Set (or clear, with nulls) the organization's or a member's monthly limits; audited. */
export async function setBudget(db: Database, scope: OrgScope, input: SetBudgetInput) {
  return withOrgContext(db, scope.orgId, async (tx) => {
    const userId = input.userId ?? null;
    if (userId) {
      const [member] = await tx
        .select({ id: memberships.id })
        .from(memberships)
        .where(and(eq(memberships.orgId, scope.orgId), eq(memberships.userId, userId)));
      if (!member) throw new NotFoundError('Member', userId);
      if (input.softLimitUsd !== null) throw new ValidationError('Per-user budgets have a hard limit only');
    }
    const values = {
      hardLimitMicroUsd: toMicro(input.hardLimitUsd),
      softLimitMicroUsd: toMicro(input.softLimitUsd),
      updatedBy: actorUserId(scope.actor),
    };
    const [existing] = await tx
      .select()
      .from(budgets)
      .where(
        and(eq(budgets.orgId, scope.orgId), userId ? eq(budgets.userId, userId) : isNull(budgets.userId)),
      );
    if (existing) await tx.update(budgets).set(values).where(eq(budgets.id, existing.id));
    else await tx.insert(budgets).values({ orgId: scope.orgId, userId, ...values });
    await recordAudit(tx, {
      orgId: scope.orgId,
      actor: scope.actor,
      action: 'budget.updated',
      targetType: userId ? 'user' : 'organization',
      targetId: userId ?? scope.orgId,
      metadata: {
        from: existing ? { hard: existing.hardLimitMicroUsd, soft: existing.softLimitMicroUsd } : null,
        to: { hard: values.hardLimitMicroUsd, soft: values.softLimitMicroUsd },
      },
      request: scope.request,
    });
    return {
      userId,
      hardLimitMicroUsd: values.hardLimitMicroUsd,
      softLimitMicroUsd: values.softLimitMicroUsd,
    };
  });
}
