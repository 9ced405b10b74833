import { entryTags, tags } from '@consailt/db';
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { ZTagName } from '../knowledge/entry-tags';
import { visibleEntrySql } from '../search/filters';
import type { Deps, OrgScope } from '../types';

/** Every tag of the organization with how many live entries the actor can see carry it. */
export async function listTags(deps: Pick<Deps, 'db'>, scope: OrgScope) {
  return deps.db
    .select({
      id: tags.id,
      name: tags.name,
      // Spelled out: drizzle leaves columns unqualified in a single-table select.
      entryCount: sql<number>`(select count(*)::int from entry_tags et join knowledge_entries e on e.id = et.entry_id
        where et.tag_id = tags.id and ${visibleEntrySql(scope)})`,
    })
    .from(tags)
    .where(eq(tags.orgId, scope.orgId))
    .orderBy(sql`lower(${tags.name})`);
}

async function loadTag(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const [row] = await deps.db
    .select()
    .from(tags)
    .where(and(eq(tags.id, id), eq(tags.orgId, scope.orgId)));
  if (!row) throw new NotFoundError('Tag', id);
  return row;
}

export const ZRenameTagInput = z.object({ id: z.uuid(), name: ZTagName });

/** Rename a tag; if the new name is another tag's, say so (merging is a separate, explicit step). */
export async function renameTag(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZRenameTagInput>,
) {
  await loadTag(deps, scope, input.id);
  const [clash] = await deps.db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(
      and(
        eq(tags.orgId, scope.orgId),
        ne(tags.id, input.id),
        sql`lower(${tags.name}) = ${input.name.toLowerCase()}`,
      ),
    );
  if (clash) throw new ConflictError(`A tag named "${clash.name}" already exists: merge the two instead`);
  await deps.db
    .update(tags)
    .set({ name: input.name })
    .where(and(eq(tags.id, input.id), eq(tags.orgId, scope.orgId)));
  return { id: input.id, name: input.name };
}

export const ZMergeTagsInput = z.object({ sourceIds: z.array(z.uuid()).min(1).max(50), targetId: z.uuid() });

/** Fold tags into one: their entries get the target tag, then the source tags are deleted. */
export async function mergeTags(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZMergeTagsInput>,
) {
  const sources = [...new Set(input.sourceIds)].filter((id) => id !== input.targetId);
  if (sources.length === 0) throw new ValidationError('Choose at least one tag other than the target');
  const target = await loadTag(deps, scope, input.targetId);
  const found = await deps.db
    .select({ id: tags.id, name: tags.name })
    .from(tags)
    .where(and(eq(tags.orgId, scope.orgId), inArray(tags.id, sources)));
  if (found.length !== sources.length) throw new NotFoundError('Tag');
  await deps.db.execute(sql`insert into entry_tags (org_id, entry_id, tag_id)
    select org_id, entry_id, ${target.id}::uuid from entry_tags
    where org_id = ${scope.orgId} and tag_id = any(${`{${sources.join(',')}}`}::uuid[])
    on conflict do nothing`);
  await deps.db
    .delete(entryTags)
    .where(and(eq(entryTags.orgId, scope.orgId), inArray(entryTags.tagId, sources)));
  await deps.db.delete(tags).where(and(eq(tags.orgId, scope.orgId), inArray(tags.id, sources)));
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'tag.merge',
    targetType: 'tag',
    targetId: target.id,
    metadata: { into: target.name, merged: found.map((t) => t.name) },
    request: scope.request,
  });
  return { id: target.id, merged: found.length };
}
