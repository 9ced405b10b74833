import {
  type EntryType,
  engagements,
  entrySourceEnum,
  knowledgeCategories,
  knowledgeEntries,
  users,
} from '@consailt/db';
import { and, asc, desc, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { entryFilterSql, ZSearchFilters } from '../search/filters';
import type { Deps, OrgScope } from '../types';
import { entryJoins, visibleEntry } from './access';

export const ENTRY_SORTS = ['updated', 'created', 'title'] as const;
export const ENTRY_SOURCES = entrySourceEnum.enumValues;
export type EntrySource = (typeof ENTRY_SOURCES)[number];

export const ZListEntriesInput = z
  .object({
    limit: z.number().int().min(1).max(100).default(25),
    cursor: z.string().max(400).nullish(),
    filters: ZSearchFilters.omit({ source: true })
      .extend({
        /** How entries came in (typed, imported, saved from news, sent through the API). */
        sources: z.array(z.enum(ENTRY_SOURCES)).max(ENTRY_SOURCES.length).optional(),
      })
      .optional(),
    sort: z.enum(ENTRY_SORTS).default('updated'),
    /**
     * Default: newest first for dates, A→Z for titles. Not called `direction`: tRPC's infinite
     * queries add their own `direction: 'forward' | 'backward'` to the input, which collided.
     */
    order: z.enum(['asc', 'desc']).optional(),
  })
  .default({ limit: 25, sort: 'updated', filters: undefined });
export type ListEntriesInput = z.input<typeof ZListEntriesInput>;

export type EntrySummary = {
  id: string;
  title: string;
  type: EntryType;
  visibility: 'organization' | 'private';
  source: EntrySource;
  engagementName: string | null;
  categoryName: string | null;
  authorName: string | null;
  tags: string[];
  wordCount: number;
  createdAt: Date;
  updatedAt: Date;
};

// Titles sort case-insensitively, whatever the database collation.
const SORT_COLUMN = {
  updated: knowledgeEntries.updatedAt,
  created: knowledgeEntries.createdAt,
  title: sql<string>`lower(${knowledgeEntries.title})`,
} as const;

/** Cursor = "<sort value>|<id>": keyset pagination on (sort column, id) in the sort's direction. */
function decodeCursor(
  cursor: string,
  sort: (typeof ENTRY_SORTS)[number],
): { value: Date | string; id: string } {
  const cut = cursor.lastIndexOf('|');
  const raw = cut < 0 ? '' : cursor.slice(0, cut);
  const id = cursor.slice(cut + 1);
  const value = sort === 'title' ? raw : new Date(raw);
  if (cut < 0 || !/^[0-9a-f-]{36}$/i.test(id) || (value instanceof Date && Number.isNaN(value.getTime()))) {
    throw new ValidationError('Invalid cursor');
  }
  return { value, id };
}

/**
 * Entries visible to the actor, filtered (engagement, category tree, tags, type, author, source,
 * dates) and sorted.
 */
export async function listEntries(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  raw: ListEntriesInput,
): Promise<{ items: EntrySummary[]; nextCursor: string | null }> {
  const input = ZListEntriesInput.parse(raw);
  const { sources, ...shared } = input.filters ?? {};
  const filters = ZSearchFilters.parse({ ...shared, source: 'knowledge' });
  const direction = input.order ?? (input.sort === 'title' ? 'asc' : 'desc');
  const column = SORT_COLUMN[input.sort];
  const conditions: SQL[] = [
    visibleEntry(scope),
    isNull(knowledgeEntries.deletedAt),
    ...entryFilterSql(scope, filters, sql`${knowledgeEntries}`),
  ];
  if (sources?.length) conditions.push(inArray(knowledgeEntries.source, sources));
  if (input.cursor) {
    const c = decodeCursor(input.cursor, input.sort);
    const op = direction === 'desc' ? sql`<` : sql`>`;
    const value = c.value instanceof Date ? sql`${c.value.toISOString()}::timestamptz` : sql`${c.value}`;
    conditions.push(
      sql`(${column} ${op} ${value} or (${column} = ${value} and ${knowledgeEntries.id} ${op} ${c.id}))`,
    );
  }
  const by = direction === 'desc' ? desc : asc;
  const rows = await deps.db
    .select({
      id: knowledgeEntries.id,
      title: knowledgeEntries.title,
      type: knowledgeEntries.type,
      visibility: knowledgeEntries.visibility,
      source: knowledgeEntries.source,
      engagementName: engagements.name,
      categoryName: knowledgeCategories.name,
      authorName: users.name,
      tags: sql<string[]>`coalesce((select array_agg(t.name order by lower(t.name)) from entry_tags et
        join tags t on t.id = et.tag_id where et.entry_id = ${knowledgeEntries.id}), '{}')`,
      wordCount: knowledgeEntries.wordCount,
      createdAt: knowledgeEntries.createdAt,
      updatedAt: knowledgeEntries.updatedAt,
    })
    .from(knowledgeEntries)
    .leftJoin(engagements, entryJoins.engagement)
    .leftJoin(knowledgeCategories, entryJoins.category)
    .leftJoin(users, entryJoins.author)
    .where(and(...conditions))
    .orderBy(by(column), by(knowledgeEntries.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const key = (e: EntrySummary) =>
    input.sort === 'title'
      ? e.title.toLowerCase()
      : (input.sort === 'created' ? e.createdAt : e.updatedAt).toISOString();
  return { items, nextCursor: rows.length > input.limit && last ? `${key(last)}|${last.id}` : null };
}
