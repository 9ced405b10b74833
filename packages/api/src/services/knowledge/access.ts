import {
  type Executor,
  engagements,
  knowledgeCategories,
  knowledgeEntries,
  templates,
  users,
} from '@consailt/db';
import { and, eq, isNotNull, isNull, or, type SQL } from 'drizzle-orm';
import { ForbiddenError, NotFoundError } from '../../errors';
import { actorUserId, type OrgScope } from '../types';

/** Entries the actor may see: organization-wide ones plus their own private ones. */
export function visibleEntry(scope: OrgScope): SQL {
  const userId = actorUserId(scope.actor);
  return and(
    eq(knowledgeEntries.orgId, scope.orgId),
    userId === null
      ? eq(knowledgeEntries.visibility, 'organization')
      : or(eq(knowledgeEntries.visibility, 'organization'), eq(knowledgeEntries.authorId, userId)),
  ) as SQL;
}

/**
 * How an entry's engagement, category and author join onto it (left joins: each may be missing),
 * for the reads that show them next to the entry.
 */
export const entryJoins = {
  engagement: and(
    eq(engagements.id, knowledgeEntries.engagementId),
    eq(engagements.orgId, knowledgeEntries.orgId),
  ),
  category: and(
    eq(knowledgeCategories.id, knowledgeEntries.categoryId),
    eq(knowledgeCategories.orgId, knowledgeEntries.orgId),
  ),
  author: eq(users.id, knowledgeEntries.authorId),
};

export type EntryRow = typeof knowledgeEntries.$inferSelect;

/**
 * An entry the actor may see, locked for update. Missing, another organization's, someone else's
 * private entry, and (unless `deleted`) a trashed one are all the same "not found".
 */
export async function loadEntry(
  db: Executor,
  scope: OrgScope,
  id: string,
  opts: { deleted?: boolean; lock?: boolean } = {},
): Promise<EntryRow> {
  const query = db
    .select()
    .from(knowledgeEntries)
    .where(
      and(
        eq(knowledgeEntries.id, id),
        visibleEntry(scope),
        opts.deleted ? isNotNull(knowledgeEntries.deletedAt) : isNull(knowledgeEntries.deletedAt),
      ),
    );
  const [row] = opts.lock ? await query.for('update') : await query;
  if (!row) throw new NotFoundError('Entry', id);
  return row;
}

/** Deleting and restoring is for the author and for those who manage the knowledge base. */
export function assertCanRemove(scope: OrgScope, entry: EntryRow): void {
  const userId = actorUserId(scope.actor);
  const manages = scope.actor.kind !== 'system' && scope.actor.scopes.includes('knowledge:manage');
  if (scope.actor.kind === 'system' || manages || (userId !== null && entry.authorId === userId)) return;
  throw new ForbiddenError('Only the author or an admin can delete or restore this entry');
}

/** Throws NOT_FOUND unless the engagement (live), category or template belongs to the organization. */
export async function assertReferences(
  db: Executor,
  scope: OrgScope,
  refs: { engagementId?: string | null; categoryId?: string | null; templateId?: string | null },
): Promise<void> {
  if (refs.engagementId) {
    const [row] = await db
      .select({ id: engagements.id })
      .from(engagements)
      .where(
        and(
          eq(engagements.id, refs.engagementId),
          eq(engagements.orgId, scope.orgId),
          isNull(engagements.deletedAt),
        ),
      );
    if (!row) throw new NotFoundError('Engagement', refs.engagementId);
  }
  if (refs.categoryId) {
    const [row] = await db
      .select({ id: knowledgeCategories.id })
      .from(knowledgeCategories)
      .where(and(eq(knowledgeCategories.id, refs.categoryId), eq(knowledgeCategories.orgId, scope.orgId)));
    if (!row) throw new NotFoundError('Category', refs.categoryId);
  }
  if (refs.templateId) {
    const [row] = await db
      .select({ id: templates.id })
      .from(templates)
      .where(and(eq(templates.id, refs.templateId), eq(templates.orgId, scope.orgId)));
    if (!row) throw new NotFoundError('Template', refs.templateId);
  }
}
