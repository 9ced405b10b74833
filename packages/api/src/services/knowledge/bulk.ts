import { entryTags, knowledgeEntries } from '@consailt/db';
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps, OrgScope } from '../types';
import { assertReferences, loadEntry } from './access';
import { addEntryTags, ensureTags, ZTagName } from './entry-tags';
import { deleteEntry } from './trash';

export const ZBulkInput = z.object({
  ids: z.array(z.uuid()).min(1).max(100),
  action: z.discriminatedUnion('type', [
    z.object({ type: z.literal('addTags'), tags: z.array(ZTagName).min(1).max(30) }),
    z.object({ type: z.literal('removeTags'), tagIds: z.array(z.uuid()).min(1).max(30) }),
    // Moves to a category, an engagement or both; `null` clears, an absent field is left as it is.
    z
      .object({
        type: z.literal('move'),
        categoryId: z.uuid().nullable().optional(),
        engagementId: z.uuid().nullable().optional(),
      })
      .refine((m) => m.categoryId !== undefined || m.engagementId !== undefined, {
        message: 'Choose a category or an engagement to move to',
      }),
    z.object({ type: z.literal('delete') }),
  ]),
});

/**
 * One action on many entries (the Knowledge table's bulk tag / move / delete), all or nothing:
 * every id must be an entry the actor may change, else nothing is applied.
 */
export async function bulkUpdateEntries(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZBulkInput>,
) {
  const ids = [...new Set(input.ids)];
  for (const id of ids) await loadEntry(deps.db, scope, id, { lock: true });
  const action = input.action;
  switch (action.type) {
    case 'addTags': {
      const tagIds = await ensureTags(deps.db, scope.orgId, action.tags);
      for (const id of ids) await addEntryTags(deps.db, scope.orgId, id, tagIds);
      break;
    }
    case 'removeTags':
      await deps.db
        .delete(entryTags)
        .where(
          and(
            eq(entryTags.orgId, scope.orgId),
            inArray(entryTags.entryId, ids),
            inArray(entryTags.tagId, action.tagIds),
          ),
        );
      break;
    case 'move':
      await assertReferences(deps.db, scope, {
        categoryId: action.categoryId,
        engagementId: action.engagementId,
      });
      await deps.db
        .update(knowledgeEntries)
        .set({ categoryId: action.categoryId, engagementId: action.engagementId, updatedAt: new Date() })
        .where(and(eq(knowledgeEntries.orgId, scope.orgId), inArray(knowledgeEntries.id, ids)));
      break;
    case 'delete':
      for (const id of ids) await deleteEntry(deps, scope, id);
      break;
  }
  return { updated: ids.length };
}
