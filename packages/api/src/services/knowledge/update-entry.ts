import { ENTRY_TYPES, entryContentHash, knowledgeEntries, knowledgeVersions } from '@consailt/db';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError } from '../../errors';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { assertReferences, loadEntry } from './access';
import { ZEntryBody, ZEntryTitle } from './create-entry';
import { setEntryTags, ZTagName } from './entry-tags';

export const ZUpdateEntryInput = z.object({
  id: z.uuid(),
  title: ZEntryTitle.optional(),
  body: ZEntryBody.optional(),
  type: z.enum(ENTRY_TYPES).optional(),
  visibility: z.enum(['organization', 'private']).optional(),
  engagementId: z.uuid().nullish(),
  categoryId: z.uuid().nullish(),
  /** Replaces the entry's tags (names; unknown ones are created). */
  tags: z.array(ZTagName).max(30).optional(),
  /** The version the editor started from: a newer one on the server answers CONFLICT. */
  expectedVersion: z.number().int().min(1).optional(),
});
export type UpdateEntryInput = z.input<typeof ZUpdateEntryInput>;

/**
 * Edit an entry. A change of title or body stores a new version, bumps `version` and queues
 * re-indexing; metadata changes (type, visibility, engagement, category, tags) apply in place.
 * Visibility is checked on the entry row at query time, so making an entry private hides it from
 * everyone else's search at once.
 */
export async function updateEntry(deps: Deps, scope: OrgScope, raw: UpdateEntryInput) {
  const input = ZUpdateEntryInput.parse(raw);
  const { entry, contentChanged } = await deps.db.transaction(async (tx) => {
    const entry = await loadEntry(tx, scope, input.id, { lock: true });
    if (input.expectedVersion !== undefined && input.expectedVersion !== entry.version) {
      throw new ConflictError(
        `Entry was changed by someone else (now version ${entry.version}, you edited ${input.expectedVersion})`,
      );
    }
    await assertReferences(tx, scope, input);
    const title = input.title ?? entry.title;
    const body = input.body ?? entry.body;
    const contentHash = entryContentHash(title, body);
    const contentChanged = contentHash !== entry.contentHash;
    const version = contentChanged ? entry.version + 1 : entry.version;
    const [row] = await tx
      .update(knowledgeEntries)
      .set({
        title,
        body,
        contentHash,
        version,
        ...(input.type !== undefined ? { type: input.type } : {}),
        ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
        ...(input.engagementId !== undefined ? { engagementId: input.engagementId } : {}),
        ...(input.categoryId !== undefined ? { categoryId: input.categoryId } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(knowledgeEntries.id, entry.id), eq(knowledgeEntries.orgId, scope.orgId)))
      .returning();
    if (contentChanged) {
      await tx.insert(knowledgeVersions).values({
        orgId: scope.orgId,
        entryId: entry.id,
        version,
        title,
        body,
        editedBy: actorUserId(scope.actor),
      });
    }
    if (input.tags) await setEntryTags(tx, scope.orgId, entry.id, input.tags);
    return { entry: row ?? entry, contentChanged };
  });
  if (contentChanged) {
    await deps.queue.enqueue('entry-stats', { orgId: scope.orgId, entryId: entry.id });
    await deps.queue.enqueue('ingest-entry', { orgId: scope.orgId, entryId: entry.id });
  }
  return { id: entry.id, version: entry.version, contentChanged };
}
