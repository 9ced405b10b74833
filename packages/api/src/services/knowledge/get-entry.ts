import { engagements, knowledgeCategories, knowledgeEntries, users } from '@consailt/db';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { NotFoundError } from '../../errors';
import { actorUserId, type Deps, type OrgScope } from '../types';

/** One entry the actor may see; another organization's id or someone's private entry is "not found". */
export async function getEntry(deps: Pick<Deps, 'db'>, scope: OrgScope, entryId: string) {
  const userId = actorUserId(scope.actor);
  const [row] = await deps.db
    .select({
      id: knowledgeEntries.id,
      title: knowledgeEntries.title,
      body: knowledgeEntries.body,
      type: knowledgeEntries.type,
      visibility: knowledgeEntries.visibility,
      source: knowledgeEntries.source,
      engagementId: knowledgeEntries.engagementId,
      engagementName: engagements.name,
      categoryId: knowledgeEntries.categoryId,
      categoryName: knowledgeCategories.name,
      templateId: knowledgeEntries.templateId,
      indexedAt: knowledgeEntries.indexedAt,
      authorId: knowledgeEntries.authorId,
      authorName: users.name,
      wordCount: knowledgeEntries.wordCount,
      version: knowledgeEntries.version,
      createdAt: knowledgeEntries.createdAt,
      updatedAt: knowledgeEntries.updatedAt,
      // In the same statement: one round trip for the hottest read of the API.
      tags: sql<{ id: string; name: string }[]>`coalesce((
        select json_agg(json_build_object('id', t.id, 'name', t.name) order by lower(t.name))
        from entry_tags et join tags t on t.id = et.tag_id and t.org_id = et.org_id
        where et.org_id = ${knowledgeEntries.orgId} and et.entry_id = ${knowledgeEntries.id}
      ), '[]'::json)`.mapWith((v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)),
    })
    .from(knowledgeEntries)
    .leftJoin(
      engagements,
      and(eq(engagements.id, knowledgeEntries.engagementId), eq(engagements.orgId, knowledgeEntries.orgId)),
    )
    .leftJoin(
      knowledgeCategories,
      and(
        eq(knowledgeCategories.id, knowledgeEntries.categoryId),
        eq(knowledgeCategories.orgId, knowledgeEntries.orgId),
      ),
    )
    .leftJoin(users, eq(users.id, knowledgeEntries.authorId))
    .where(
      and(
        eq(knowledgeEntries.id, entryId),
        eq(knowledgeEntries.orgId, scope.orgId),
        isNull(knowledgeEntries.deletedAt),
        userId === null
          ? eq(knowledgeEntries.visibility, 'organization')
          : or(eq(knowledgeEntries.visibility, 'organization'), eq(knowledgeEntries.authorId, userId)),
      ),
    );
  if (!row) throw new NotFoundError('Entry', entryId);
  return row;
}
