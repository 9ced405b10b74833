import {
  type Executor,
  engagements,
  knowledgeCategories,
  knowledgeEntries,
  reusableSelect,
  users,
} from '@consailt/db';
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import { NotFoundError } from '../../errors';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { entryJoins } from './access';

/**
 * The entry with its engagement, category, author and tags, in one statement: one round trip for
 * the hottest read of the API, its SQL built once (`reusableSelect`). `ownPrivate` adds the author's
 * private entries to what a user sees; an API key sees only organization-wide ones.
 */
function entryQuery(ownPrivate: boolean) {
  return reusableSelect((db: Executor) =>
    db
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
        tags: sql<{ id: string; name: string }[]>`coalesce((
          select json_agg(json_build_object('id', t.id, 'name', t.name) order by lower(t.name))
          from entry_tags et join tags t on t.id = et.tag_id and t.org_id = et.org_id
          where et.org_id = ${knowledgeEntries.orgId} and et.entry_id = ${knowledgeEntries.id}
        ), '[]'::json)`.mapWith((v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)),
      })
      .from(knowledgeEntries)
      .leftJoin(engagements, entryJoins.engagement)
      .leftJoin(knowledgeCategories, entryJoins.category)
      .leftJoin(users, entryJoins.author)
      .where(
        and(
          eq(knowledgeEntries.id, sql.placeholder('id')),
          eq(knowledgeEntries.orgId, sql.placeholder('orgId')),
          isNull(knowledgeEntries.deletedAt),
          ownPrivate
            ? or(
                eq(knowledgeEntries.visibility, 'organization'),
                eq(knowledgeEntries.authorId, sql.placeholder('userId')),
              )
            : eq(knowledgeEntries.visibility, 'organization'),
        ),
      ),
  );
}

const visibleToUser = entryQuery(true);
const organizationWide = entryQuery(false);

/** One entry the actor may see; another organization's id or someone's private entry is "not found". */
export async function getEntry(deps: Pick<Deps, 'db'>, scope: OrgScope, entryId: string) {
  const userId = actorUserId(scope.actor);
  const [row] =
    userId === null
      ? await organizationWide(deps.db, { id: entryId, orgId: scope.orgId })
      : await visibleToUser(deps.db, { id: entryId, orgId: scope.orgId, userId });
  if (!row) throw new NotFoundError('Entry', entryId);
  return row;
}
