import type { BudgetStore, ReserveInput, ReserveResult, SpendSnapshot } from '@consailt/ai';
import { aiBudgetReservations, budgets, type Database, type Executor, withOrgContext } from '@consailt/db';
import { and, eq, isNull, sql } from 'drizzle-orm';

const RESERVATION_TTL_MS = 15 * 60_000;

async function totals(db: Executor, orgId: string, period: string, userId: string | null) {
  const userFilter = userId === null ? sql`true` : eq(aiBudgetReservations.userId, userId);
  const [row] = await db
    .select({
      spent: sql<string>`coalesce(sum(${aiBudgetReservations.settledMicroUsd}), 0)`,
      reserved: sql<string>`coalesce(sum(${aiBudgetReservations.amountMicroUsd}) filter (where ${aiBudgetReservations.settledMicroUsd} is null and ${aiBudgetReservations.expiresAt} > now()), 0)`,
    })
    .from(aiBudgetReservations)
    .where(and(eq(aiBudgetReservations.orgId, orgId), eq(aiBudgetReservations.period, period), userFilter));
  return { spent: Number(row?.spent ?? 0), reserved: Number(row?.reserved ?? 0) };
}

/**
 * Budget enforcement on PostgreSQL (used when there is no Redis). Reservations for one
 * organization are serialized by a transaction-scoped advisory lock, so concurrent calls can never
 * together reserve past the hard limit; spend is the sum of settled reservations in the period.
 */
export function createPgBudgetStore(db: Database): BudgetStore {
  return {
    async reserve(input: ReserveInput): Promise<ReserveResult> {
      return withOrgContext(db, input.orgId, async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`consailt-budget:${input.orgId}`}))`);
        const { orgHardMicroUsd, userHardMicroUsd } = input.limits;
        if (orgHardMicroUsd !== null) {
          const org = await totals(tx, input.orgId, input.period, null);
          if (org.spent + org.reserved + input.estimateMicroUsd > orgHardMicroUsd) {
            return {
              ok: false,
              limit: 'org_hard',
              limitMicroUsd: orgHardMicroUsd,
              spentMicroUsd: org.spent,
              reservedMicroUsd: org.reserved,
            };
          }
        }
        if (userHardMicroUsd !== null && input.userId) {
          const user = await totals(tx, input.orgId, input.period, input.userId);
          if (user.spent + user.reserved + input.estimateMicroUsd > userHardMicroUsd) {
            return {
              ok: false,
              limit: 'user_hard',
              limitMicroUsd: userHardMicroUsd,
              spentMicroUsd: user.spent,
              reservedMicroUsd: user.reserved,
            };
          }
        }
        const [row] = await tx
          .insert(aiBudgetReservations)
          .values({
            orgId: input.orgId,
            userId: input.userId,
            period: input.period,
            amountMicroUsd: Math.max(0, Math.ceil(input.estimateMicroUsd)),
            expiresAt: new Date(Date.now() + RESERVATION_TTL_MS),
          })
          .returning({ id: aiBudgetReservations.id });
        if (!row) throw new Error('reservation insert returned nothing');
        return { ok: true, reservationId: row.id };
      });
    },

    async settle(reservationId, actualMicroUsd) {
      // Settling converts the hold into spend even if it expired meanwhile; settling twice is a no-op.
      const [row] = await db
        .update(aiBudgetReservations)
        .set({ settledMicroUsd: Math.max(0, Math.round(actualMicroUsd)) })
        .where(and(eq(aiBudgetReservations.id, reservationId), isNull(aiBudgetReservations.settledMicroUsd)))
        .returning({ orgId: aiBudgetReservations.orgId, period: aiBudgetReservations.period });
      if (!row) return { softLimitCrossed: false };
      return withOrgContext(db, row.orgId, async (tx) => {
        // One alert per period: the conditional update succeeds only for the first settle past the
        // line. The period's spend (a sum over its reservations) is the costliest condition, so
        // PostgreSQL evaluates it last: only for an organization with a soft limit not yet alerted.
        const alerted = await tx
          .update(budgets)
          .set({ softAlertedPeriod: row.period, lastAlertAt: new Date() })
          .where(
            and(
              eq(budgets.orgId, row.orgId),
              isNull(budgets.userId),
              sql`${budgets.softLimitMicroUsd} is not null`,
              sql`${budgets.softAlertedPeriod} is distinct from ${row.period}`,
              sql`${budgets.softLimitMicroUsd} <= (
                select coalesce(sum(r.settled_micro_usd), 0) from ai_budget_reservations r
                where r.org_id = ${row.orgId} and r.period = ${row.period})`,
            ),
          )
          .returning({ id: budgets.id });
        return { softLimitCrossed: alerted.length > 0 };
      });
    },

    async release(reservationId) {
      await db
        .delete(aiBudgetReservations)
        .where(and(eq(aiBudgetReservations.id, reservationId), isNull(aiBudgetReservations.settledMicroUsd)));
    },

    async spend({ orgId, userId, period }): Promise<SpendSnapshot> {
      return withOrgContext(db, orgId, async (tx) => {
        const org = await totals(tx, orgId, period, null);
        const user = userId ? await totals(tx, orgId, period, userId) : { spent: 0, reserved: 0 };
        return {
          orgSpentMicroUsd: org.spent,
          orgReservedMicroUsd: org.reserved,
          userSpentMicroUsd: user.spent,
          userReservedMicroUsd: user.reserved,
        };
      });
    },
  };
}
