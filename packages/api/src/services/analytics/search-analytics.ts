import { searchHistory } from '@consailt/db';
import { and, desc, eq, gte, isNotNull, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor, OrgScope } from '../types';
import { type AnalyticsRange, countWhere, utcDay } from './range';

const TOP_LIMIT = 10;

/** Queries are grouped case- and space-insensitively, so "Pricing " and "pricing" are one query. */
const normalizedQuery = sql<string>`lower(btrim(${searchHistory.query}))`;
const clicked = isNotNull(searchHistory.clickedAt);
const noResults = sql`${searchHistory.resultCount} = 0`;

/** Share of searches with results that led to a click; null when nothing returned results. */
function clickThrough(clicks: number, withResults: number): number | null {
  return withResults > 0 ? clicks / withResults : null;
}

/**
 * Search analytics for a window: searches, clicks and empty searches per UTC day, the most frequent
 * queries with their click-through, and the most frequent queries that found nothing. Everything is
 * computed in SQL from `search_history`, filtered to the organization.
 */
export async function getSearchAnalytics(db: Executor, scope: OrgScope, range: AnalyticsRange) {
  const where = and(
    eq(searchHistory.orgId, scope.orgId),
    gte(searchHistory.createdAt, range.from),
    lt(searchHistory.createdAt, range.to),
  ) as SQL;
  const counts = {
    searches: sql<number>`count(*)::int`,
    noResults: countWhere(noResults),
    clicks: countWhere(clicked),
  };
  const day = utcDay(searchHistory.createdAt);

  const [totals] = await db.select(counts).from(searchHistory).where(where);
  const byDay = await db
    .select({ day, ...counts })
    .from(searchHistory)
    .where(where)
    .groupBy(day)
    .orderBy(day);
  const topQueries = await db
    .select({
      query: normalizedQuery,
      ...counts,
      avgResults: sql<number>`round(avg(${searchHistory.resultCount}), 1)::float8`,
    })
    .from(searchHistory)
    .where(where)
    .groupBy(normalizedQuery)
    .orderBy(desc(counts.searches), normalizedQuery)
    .limit(TOP_LIMIT);
  const noResultQueries = await db
    .select({
      query: normalizedQuery,
      searches: counts.searches,
      lastSearchedAt: sql<Date>`max(${searchHistory.createdAt})`.mapWith(searchHistory.createdAt),
    })
    .from(searchHistory)
    .where(and(where, noResults))
    .groupBy(normalizedQuery)
    .orderBy(desc(counts.searches), normalizedQuery)
    .limit(TOP_LIMIT);

  const t = totals ?? { searches: 0, noResults: 0, clicks: 0 };
  return {
    from: range.from,
    to: range.to,
    totals: { ...t, clickThroughRate: clickThrough(t.clicks, t.searches - t.noResults) },
    byDay,
    topQueries: topQueries.map((row) => ({
      ...row,
      clickThroughRate: clickThrough(row.clicks, row.searches - row.noResults),
    })),
    noResultQueries,
  };
}
