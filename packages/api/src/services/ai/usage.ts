import { aiInteractions, apiKeys, type Database, users, withOrgContext } from '@consailt/db';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import type { OrgScope } from '../types';

export const ZUsageInput = z
  .object({ from: z.date().optional(), to: z.date().optional() })
  .default({})
  .transform((v) => {
    const now = new Date();
    const from = v.from ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    const to = v.to ?? new Date(now.getTime() + 1000);
    return { from, to };
  });

type Totals = {
  calls: number;
  costMicroUsd: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
};

const sums = {
  calls: sql<number>`count(*)::int`,
  costMicroUsd: sql<number>`coalesce(sum(${aiInteractions.costMicroUsd}), 0)::bigint`,
  inputTokens: sql<number>`coalesce(sum(${aiInteractions.inputTokens}), 0)::bigint`,
  outputTokens: sql<number>`coalesce(sum(${aiInteractions.outputTokens}), 0)::bigint`,
  cacheReadTokens: sql<number>`coalesce(sum(${aiInteractions.cacheReadTokens}), 0)::bigint`,
  cacheWriteTokens: sql<number>`coalesce(sum(${aiInteractions.cacheWriteTokens}), 0)::bigint`,
};

function num<T extends Record<string, unknown>>(row: T): T {
  // bigint aggregates arrive as strings from postgres.js; micro-USD totals fit in a double.
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]),
  ) as T;
}

/** Spend and tokens by day, model, task and actor (user or API key), with totals, for a time window (default: this month). */
export async function getAiUsage(db: Database, scope: OrgScope, input: { from: Date; to: Date }) {
  if (input.from >= input.to) throw new ValidationError('from must be before to');
  if (input.to.getTime() - input.from.getTime() > 400 * 86_400_000)
    throw new ValidationError('Window is at most 400 days');
  return withOrgContext(db, scope.orgId, async (tx) => {
    const where = and(
      eq(aiInteractions.orgId, scope.orgId),
      gte(aiInteractions.createdAt, input.from),
      lt(aiInteractions.createdAt, input.to),
    );
    const day = sql<string>`to_char(date_trunc('day', ${aiInteractions.createdAt} at time zone 'UTC'), 'YYYY-MM-DD')`;
    const [totals] = await tx.select(sums).from(aiInteractions).where(where);
    const byDay = await tx
      .select({ day, ...sums })
      .from(aiInteractions)
      .where(where)
      .groupBy(day)
      .orderBy(day);
    const byModel = await tx
      .select({ modelId: aiInteractions.modelId, ...sums })
      .from(aiInteractions)
      .where(where)
      .groupBy(aiInteractions.modelId)
      .orderBy(desc(sums.costMicroUsd));
    const byTask = await tx
      .select({ task: aiInteractions.task, ...sums })
      .from(aiInteractions)
      .where(where)
      .groupBy(aiInteractions.task)
      .orderBy(desc(sums.costMicroUsd));
    // One row per actor: a user, an API key (keys act for the organization, so their calls carry no
    // user), or neither (background work such as feed enrichment).
    const byUser = await tx
      .select({
        userId: aiInteractions.userId,
        name: users.name,
        apiKeyId: aiInteractions.apiKeyId,
        apiKeyName: apiKeys.name,
        ...sums,
      })
      .from(aiInteractions)
      .leftJoin(users, eq(users.id, aiInteractions.userId))
      .leftJoin(apiKeys, eq(apiKeys.id, aiInteractions.apiKeyId))
      .where(where)
      .groupBy(aiInteractions.userId, users.name, aiInteractions.apiKeyId, apiKeys.name)
      .orderBy(desc(sums.costMicroUsd));
    return {
      from: input.from,
      to: input.to,
      totals: num(
        (totals ?? {
          calls: 0,
          costMicroUsd: 0,
          inputTokens: 0,
          outputTokens: 0,
          cacheReadTokens: 0,
          cacheWriteTokens: 0,
        }) as Totals,
      ),
      byDay: byDay.map(num),
      byModel: byModel.map(num),
      byTask: byTask.map(num),
      byUser: byUser.map(num),
    };
  });
}
