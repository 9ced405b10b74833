import { ENTRY_TYPES, entryContentHash, knowledgeEntries, knowledgeVersions } from '@consailt/db';
import { z } from 'zod';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { assertReferences } from './access';
import { setEntryTags, ZTagName } from './entry-tags';

export const ZEntryTitle = z
  .string()
  .trim()
  .min(1, 'Title is required')
  .max(300, 'Title is at most 300 characters');
export const ZEntryBody = z.string().max(500_000, 'Body is at most 500,000 characters');

export const ZCreateEntryInput = z.object({
  title: ZEntryTitle,
  body: ZEntryBody.default(''),
  type: z.enum(ENTRY_TYPES).default('note'),
  visibility: z.enum(['organization', 'private']).default('organization'),
  engagementId: z.uuid().nullish(),
  categoryId: z.uuid().nullish(),
  /** The template the entry was started from (its fields pre-filled the body). */
  templateId: z.uuid().nullish(),
  /** Tag names; unknown ones are created. */
  tags: z.array(ZTagName).max(30).optional(),
});
export type CreateEntryInput = z.input<typeof ZCreateEntryInput>;

/**
 * Create a knowledge entry with its first version, then queue its background work: the word count
 * (`entry-stats`) and the search index (`ingest-entry`).
 */
export async function createEntry(
  deps: Deps,
  scope: OrgScope,
  raw: CreateEntryInput,
  opts: { source?: 'import' | 'news'; metadata?: Record<string, unknown> } = {},
) {
  const input = ZCreateEntryInput.parse(raw);
  const authorId = actorUserId(scope.actor);
  const entry = await deps.db.transaction(async (tx) => {
    // Same answer whether a reference is missing or another organization's: ids reveal nothing.
    await assertReferences(tx, scope, input);
    const [row] = await tx
      .insert(knowledgeEntries)
      .values({
        orgId: scope.orgId,
        authorId,
        title: input.title,
        body: input.body,
        type: input.type,
        visibility: input.visibility,
        engagementId: input.engagementId ?? null,
        categoryId: input.categoryId ?? null,
        templateId: input.templateId ?? null,
        source: opts.source ?? (scope.actor.kind === 'apiKey' ? 'api' : 'manual'),
        contentHash: entryContentHash(input.title, input.body),
        metadata: opts.metadata ?? {},
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await tx.insert(knowledgeVersions).values({
      orgId: scope.orgId,
      entryId: row.id,
      version: 1,
      title: row.title,
      body: row.body,
      editedBy: authorId,
    });
    if (input.tags?.length) await setEntryTags(tx, scope.orgId, row.id, input.tags);
    return row;
  });
  await deps.queue.enqueue('entry-stats', { orgId: scope.orgId, entryId: entry.id });
  await deps.queue.enqueue('ingest-entry', { orgId: scope.orgId, entryId: entry.id });
  return entry;
}
