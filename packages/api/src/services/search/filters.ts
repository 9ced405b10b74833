import { ENTRY_TYPES } from '@consailt/db';
import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { actorUserId, type OrgScope } from '../types';
import { textArray, uuidArray } from './sql-utils';

const ZIds = z.array(z.uuid()).max(50);

/** Filters shared by search, ask and the knowledge list. Every field narrows the result. */
export const ZSearchFilters = z.object({
  engagementIds: ZIds.optional(),
  /** A category and everything below it in the tree. */
  categoryId: z.uuid().optional(),
  tagIds: ZIds.optional(),
  /** `any` (default): at least one of the tags; `all`: every tag. */
  tagMatch: z.enum(['any', 'all']).default('any'),
  types: z.array(z.enum(ENTRY_TYPES)).max(ENTRY_TYPES.length).optional(),
  authorIds: ZIds.optional(),
  /** Creation date range (inclusive), on entries; publication date on news. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** Knowledge entries, news articles, or both. */
  source: z.enum(['knowledge', 'news', 'all']).default('knowledge'),
});
export type SearchFilters = z.input<typeof ZSearchFilters>;
type ParsedFilters = z.output<typeof ZSearchFilters>;

/** What the actor may see: live entries of the organization, plus their own private ones. */
export function visibleEntrySql(scope: OrgScope, e: SQL = sql`e`): SQL {
  const userId = actorUserId(scope.actor);
  const visibility =
    userId === null
      ? sql`${e}.visibility = 'organization'`
      : sql`(${e}.visibility = 'organization' or ${e}.author_id = ${userId})`;
  return sql`${e}.org_id = ${scope.orgId} and ${e}.deleted_at is null and ${visibility}`;
}

/** Conditions on `knowledge_entries e` for the filters (visibility not included). */
export function entryFilterSql(scope: OrgScope, f: ParsedFilters, e: SQL = sql`e`): SQL[] {
  const out: SQL[] = [];
  if (f.engagementIds?.length) out.push(sql`${e}.engagement_id = any(${uuidArray(f.engagementIds)})`);
  if (f.categoryId) {
    out.push(sql`${e}.category_id in (
      with recursive tree as (
        select id from knowledge_categories where id = ${f.categoryId} and org_id = ${scope.orgId}
        union all
        select k.id from knowledge_categories k join tree on k.parent_id = tree.id where k.org_id = ${scope.orgId}
      ) select id from tree)`);
  }
  if (f.tagIds?.length) {
    const tags = uuidArray(f.tagIds);
    out.push(
      f.tagMatch === 'all'
        ? sql`(select count(distinct et.tag_id) from entry_tags et where et.entry_id = ${e}.id and et.tag_id = any(${tags})) = ${new Set(f.tagIds).size}`
        : sql`exists (select 1 from entry_tags et where et.entry_id = ${e}.id and et.tag_id = any(${tags}))`,
    );
  }
  if (f.types?.length) out.push(sql`${e}.type::text = any(${textArray(f.types)})`);
  if (f.authorIds?.length) out.push(sql`${e}.author_id = any(${uuidArray(f.authorIds)})`);
  if (f.from) out.push(sql`${e}.created_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) out.push(sql`${e}.created_at <= ${f.to.toISOString()}::timestamptz`);
  return out;
}

/**
 * Whether these filters leave everything the actor may see (knowledge, or knowledge and news):
 * then `chunkFilterSql` is visibility alone, which hides few chunks, and rankings may check it late.
 */
export function onlyVisibility(f: ParsedFilters): boolean {
  return (
    f.source !== 'news' &&
    !f.engagementIds?.length &&
    !f.categoryId &&
    !f.tagIds?.length &&
    !f.types?.length &&
    !f.authorIds?.length &&
    !f.from &&
    !f.to
  );
}

/** Whether news articles can match these filters at all (entry-only filters exclude them). */
function newsAllowed(f: ParsedFilters): boolean {
  if (f.source === 'knowledge') return false;
  return !(f.categoryId || f.tagIds?.length || f.types?.length || f.authorIds?.length);
}

/**
 * The condition a chunk `c` must meet to be returned: its entry is visible and matches the
 * filters (checked on the entry row at query time, so deleting an entry or making it private
 * takes effect at once), or it belongs to a news article that matches.
 */
export function chunkFilterSql(scope: OrgScope, filters: ParsedFilters): SQL {
  const parts: SQL[] = [];
  if (filters.source !== 'news') {
    const conds = [visibleEntrySql(scope), ...entryFilterSql(scope, filters)];
    parts.push(
      sql`exists (select 1 from knowledge_entries e where e.id = c.entry_id and ${sql.join(conds, sql` and `)})`,
    );
  }
  if (newsAllowed(filters)) {
    const conds: SQL[] = [sql`a.org_id = ${scope.orgId}`];
    if (filters.engagementIds?.length) {
      conds.push(
        sql`exists (select 1 from news_relevance r where r.article_id = a.id and r.engagement_id = any(${uuidArray(filters.engagementIds)}))`,
      );
    }
    if (filters.from) conds.push(sql`a.published_at >= ${filters.from.toISOString()}::timestamptz`);
    if (filters.to) conds.push(sql`a.published_at <= ${filters.to.toISOString()}::timestamptz`);
    parts.push(
      sql`exists (select 1 from news_articles a where a.id = c.article_id and ${sql.join(conds, sql` and `)})`,
    );
  }
  if (parts.length === 0) return sql`false`;
  return sql`(${sql.join(parts, sql` or `)})`;
}

export function parseFilters(filters: SearchFilters | undefined): ParsedFilters {
  return ZSearchFilters.parse(filters ?? {});
}
