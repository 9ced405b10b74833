import { knowledgeEntries, searchHistory } from '@consailt/db';
import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError } from '../../errors';
import { actorUserId, type Deps, type OrgScope } from '../types';

export const ZRecordClickInput = z.object({
  searchId: z.uuid(),
  /** The entry opened from the results (articles are recorded by rank only). */
  entryId: z.uuid().nullish(),
  rank: z.number().int().min(1).max(1000),
});
export type RecordClickInput = z.infer<typeof ZRecordClickInput>;

/** Records which result of one of the actor's own searches was opened (the latest click wins). */
export async function recordSearchClick(deps: Pick<Deps, 'db'>, scope: OrgScope, input: RecordClickInput) {
  const userId = actorUserId(scope.actor);
  if (input.entryId) {
    const [entry] = await deps.db
      .select({ id: knowledgeEntries.id })
      .from(knowledgeEntries)
      .where(and(eq(knowledgeEntries.id, input.entryId), eq(knowledgeEntries.orgId, scope.orgId)));
    if (!entry) throw new NotFoundError('Entry', input.entryId);
  }
  const [row] = await deps.db
    .update(searchHistory)
    .set({ clickedEntryId: input.entryId ?? null, clickedRank: input.rank, clickedAt: new Date() })
    .where(
      and(
        eq(searchHistory.id, input.searchId),
        eq(searchHistory.orgId, scope.orgId),
        userId === null ? isNull(searchHistory.userId) : eq(searchHistory.userId, userId),
      ),
    )
    .returning({ id: searchHistory.id });
  if (!row) throw new NotFoundError('Search', input.searchId);
  return { ok: true as const };
}
