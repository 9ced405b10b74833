import { countWords, knowledgeEntries } from '@consailt/db';
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../types';

/**
 * Recompute an entry's word count from its current body. Idempotent: running it twice writes the
 * same value. Returns null when the entry no longer exists (deleted since the job was queued).
 */
export async function recountEntryWords(
  deps: Pick<Deps, 'db'>,
  input: { orgId: string; entryId: string },
): Promise<{ wordCount: number } | null> {
  const [entry] = await deps.db
    .select({ body: knowledgeEntries.body, title: knowledgeEntries.title })
    .from(knowledgeEntries)
    .where(and(eq(knowledgeEntries.id, input.entryId), eq(knowledgeEntries.orgId, input.orgId)));
  if (!entry) return null;
  const wordCount = countWords(entry.body);
  await deps.db
    .update(knowledgeEntries)
    .set({ wordCount, updatedAt: sql`${knowledgeEntries.updatedAt}` }) // derived data: not an edit
    .where(and(eq(knowledgeEntries.id, input.entryId), eq(knowledgeEntries.orgId, input.orgId)));
  return { wordCount };
}
