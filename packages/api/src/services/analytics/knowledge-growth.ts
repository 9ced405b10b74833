import { knowledgeEntries } from '@consailt/db';
import { and, desc, gte, isNull, lt, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { visibleEntry } from '../knowledge/access';
import type { Executor, OrgScope } from '../types';
import { type AnalyticsRange, countWhere, utcDay } from './range';

/** Per group: live entries before the window, entries added in it, and the additions per UTC day. */
async function growthBy(
  db: Executor,
  scope: OrgScope,
  range: AnalyticsRange,
  key: PgColumn,
  table: 'engagements' | 'knowledge_categories',
) {
  // Live entries the caller may see: growth never counts someone else's private notes.
  const live = and(
    visibleEntry(scope),
    isNull(knowledgeEntries.deletedAt),
    lt(knowledgeEntries.createdAt, range.to),
  ) as SQL;
  const added = gte(knowledgeEntries.createdAt, range.from);
  // A correlated lookup on the grouped id (rather than a join) keeps one query shape for both tables.
  const name = sql<
    string | null
  >`(select g.name from ${sql.identifier(table)} g where g.id = ${key} and g.org_id = ${scope.orgId})`;
  const groups = await db
    .select({
      id: sql<string | null>`${key}`,
      name,
      before: countWhere(lt(knowledgeEntries.createdAt, range.from) as SQL),
      added: countWhere(added as SQL),
    })
    .from(knowledgeEntries)
    .where(live)
    .groupBy(key)
    .orderBy(desc(sql`count(*)`), name);
  const day = utcDay(knowledgeEntries.createdAt);
  const byDay = await db
    .select({ day, id: sql<string | null>`${key}`, added: sql<number>`count(*)::int` })
    .from(knowledgeEntries)
    .where(and(live, added))
    .groupBy(day, key)
    .orderBy(day);
  return { groups: groups.map((g) => ({ ...g, total: g.before + g.added })), byDay };
}

/**
 * How the knowledge base grew in a window, per engagement and per category: for each group the live
 * entries that existed before the window, those added in it, and the additions per UTC day. Entries
 * without an engagement (or category) form their own group with a null id and name.
 */
export async function getKnowledgeGrowth(db: Executor, scope: OrgScope, range: AnalyticsRange) {
  return {
    from: range.from,
    to: range.to,
    byEngagement: await growthBy(db, scope, range, knowledgeEntries.engagementId, 'engagements'),
    byCategory: await growthBy(db, scope, range, knowledgeEntries.categoryId, 'knowledge_categories'),
  };
}
