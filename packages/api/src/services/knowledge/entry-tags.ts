import { type Executor, entryTags, tags } from '@consailt/db';
import { and, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';

/** A tag name as people type it: trimmed, inner spaces collapsed. */
export const ZTagName = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, 'Tag names cannot be empty').max(50, 'Tag names are at most 50 characters'));

/** Tag ids for these names, creating the ones that do not exist yet (names match case-insensitively). */
export async function ensureTags(db: Executor, orgId: string, names: string[]): Promise<string[]> {
  // The first spelling wins ("Retail" over a later "retail").
  const byKey = new Map<string, string>();
  for (const n of names) if (!byKey.has(n.toLowerCase())) byKey.set(n.toLowerCase(), n);
  const unique = [...byKey.values()];
  if (unique.length === 0) return [];
  await db
    .insert(tags)
    .values(unique.map((name) => ({ orgId, name })))
    .onConflictDoNothing();
  const rows = await db
    .select({ id: tags.id })
    .from(tags)
    .where(
      and(
        eq(tags.orgId, orgId),
        inArray(
          sql`lower(${tags.name})`,
          unique.map((n) => n.toLowerCase()),
        ),
      ),
    );
  return rows.map((r) => r.id);
}

/** Make the entry's tags exactly these names. */
export async function setEntryTags(
  db: Executor,
  orgId: string,
  entryId: string,
  names: string[],
): Promise<void> {
  const ids = await ensureTags(db, orgId, names);
  await db
    .delete(entryTags)
    .where(
      and(
        eq(entryTags.orgId, orgId),
        eq(entryTags.entryId, entryId),
        ...(ids.length ? [notInArray(entryTags.tagId, ids)] : []),
      ),
    );
  await addEntryTags(db, orgId, entryId, ids);
}

export async function addEntryTags(
  db: Executor,
  orgId: string,
  entryId: string,
  tagIds: string[],
): Promise<void> {
  if (tagIds.length === 0) return;
  await db
    .insert(entryTags)
    .values(tagIds.map((tagId) => ({ orgId, entryId, tagId })))
    .onConflictDoNothing();
}
