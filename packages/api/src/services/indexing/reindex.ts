import { knowledgeEntries, withOrgContext } from '@consailt/db';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Deps } from '../types';

/**
 * Queue `ingest-entry` for an organization's entries whose index is missing or stale (or for all
 * of them with `force`, e.g. after an embedding model change). Used by the `reindex` job, which
 * also indexes the seeded demo entries of the embedded mode.
 */
export async function queueReindex(
  deps: Pick<Deps, 'db' | 'queue'>,
  input: { orgId: string; force?: boolean },
): Promise<{ queued: number }> {
  const ids = await withOrgContext(deps.db, input.orgId, (tx) =>
    tx
      .select({ id: knowledgeEntries.id })
      .from(knowledgeEntries)
      .where(
        and(
          eq(knowledgeEntries.orgId, input.orgId),
          isNull(knowledgeEntries.deletedAt),
          input.force
            ? sql`true`
            : or(
                isNull(knowledgeEntries.indexedHash),
                sql`${knowledgeEntries.indexedHash} <> ${knowledgeEntries.contentHash}`,
              ),
        ),
      ),
  );
  for (const { id } of ids) {
    await deps.queue.enqueue('ingest-entry', {
      orgId: input.orgId,
      entryId: id,
      ...(input.force ? { force: true } : {}),
    });
  }
  return { queued: ids.length };
}
