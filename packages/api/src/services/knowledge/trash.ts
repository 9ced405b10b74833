import { knowledgeEntries, users } from '@consailt/db';
import { and, desc, eq, isNotNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { removeEntryChunks } from '../indexing/index-entry';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { assertCanRemove, loadEntry, visibleEntry } from './access';

const audit = (
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  action: string,
  entry: { id: string; title: string },
) =>
  recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action,
    targetType: 'knowledge_entry',
    targetId: entry.id,
    metadata: { title: entry.title },
    request: scope.request,
  });

/**
 * Move an entry to the trash. Its chunks (and their BM25 statistics) go in the same transaction,
 * and search also checks `deleted_at` on the entry row, so it disappears from search at once.
 */
export async function deleteEntry(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const entry = await loadEntry(deps.db, scope, id, { lock: true });
  assertCanRemove(scope, entry);
  await deps.db
    .update(knowledgeEntries)
    .set({
      deletedAt: new Date(),
      deletedBy: actorUserId(scope.actor),
      updatedAt: sql`${knowledgeEntries.updatedAt}`,
    })
    .where(and(eq(knowledgeEntries.id, id), eq(knowledgeEntries.orgId, scope.orgId)));
  await removeEntryChunks(deps.db, scope.orgId, id);
  await audit(deps, scope, 'knowledge.delete', entry);
  return { id };
}

/** Take an entry out of the trash; it is indexed again by the `ingest-entry` job. */
export async function restoreEntry(deps: Pick<Deps, 'db' | 'queue'>, scope: OrgScope, id: string) {
  const entry = await loadEntry(deps.db, scope, id, { deleted: true, lock: true });
  assertCanRemove(scope, entry);
  await deps.db
    .update(knowledgeEntries)
    .set({ deletedAt: null, deletedBy: null, updatedAt: sql`${knowledgeEntries.updatedAt}` })
    .where(and(eq(knowledgeEntries.id, id), eq(knowledgeEntries.orgId, scope.orgId)));
  await audit(deps, scope, 'knowledge.restore', entry);
  await deps.queue.enqueue('ingest-entry', { orgId: scope.orgId, entryId: id });
  return { id };
}

/** Delete a trashed entry for good, with its versions, tags, links and chunks (admins only). */
export async function purgeEntry(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const entry = await loadEntry(deps.db, scope, id, { deleted: true, lock: true });
  await deps.db
    .delete(knowledgeEntries)
    .where(and(eq(knowledgeEntries.id, id), eq(knowledgeEntries.orgId, scope.orgId)));
  await audit(deps, scope, 'knowledge.purge', entry);
  return { id };
}

/** Trashed entries the actor may see, most recently deleted first. */
export async function listTrash(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { limit: number; cursor?: string | null },
) {
  const conditions: SQL[] = [visibleEntry(scope), isNotNull(knowledgeEntries.deletedAt)];
  if (input.cursor) {
    const cut = input.cursor.lastIndexOf('|');
    const at = new Date(input.cursor.slice(0, cut));
    const last = input.cursor.slice(cut + 1);
    if (cut < 0 || Number.isNaN(at.getTime()) || !/^[0-9a-f-]{36}$/i.test(last))
      throw new ValidationError('Invalid cursor');
    conditions.push(
      or(
        lt(knowledgeEntries.deletedAt, at),
        and(eq(knowledgeEntries.deletedAt, at), sql`${knowledgeEntries.id} < ${last}`),
      ) as SQL,
    );
  }
  const rows = await deps.db
    .select({
      id: knowledgeEntries.id,
      title: knowledgeEntries.title,
      type: knowledgeEntries.type,
      deletedAt: knowledgeEntries.deletedAt,
      deletedByName: users.name,
    })
    .from(knowledgeEntries)
    .leftJoin(users, eq(users.id, knowledgeEntries.deletedBy))
    .where(and(...conditions))
    .orderBy(desc(knowledgeEntries.deletedAt), desc(knowledgeEntries.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit).map((r) => ({ ...r, deletedAt: r.deletedAt as Date }));
  const lastItem = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > input.limit && lastItem ? `${lastItem.deletedAt.toISOString()}|${lastItem.id}` : null,
  };
}
