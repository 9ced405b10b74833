import { knowledgeLinks } from '@consailt/db';
import { and, eq, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ValidationError } from '../../errors';
import { visibleEntrySql } from '../search/filters';
import { queryRows, vectorLiteral } from '../search/sql-utils';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { loadEntry } from './access';

export const ZLinkInput = z.object({
  fromId: z.uuid(),
  toId: z.uuid(),
  kind: z.string().trim().min(1).max(40).default('related'),
});

/** Link two entries the actor can see. A link reads both ways; linking twice changes nothing. */
export async function linkEntries(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZLinkInput>,
) {
  if (input.fromId === input.toId) throw new ValidationError('An entry cannot be linked to itself');
  await loadEntry(deps.db, scope, input.fromId);
  await loadEntry(deps.db, scope, input.toId);
  const [existing] = await deps.db
    .select({ id: knowledgeLinks.id })
    .from(knowledgeLinks)
    .where(and(eq(knowledgeLinks.orgId, scope.orgId), pair(input.fromId, input.toId)));
  if (existing) return { id: existing.id };
  const [row] = await deps.db
    .insert(knowledgeLinks)
    .values({
      orgId: scope.orgId,
      fromEntryId: input.fromId,
      toEntryId: input.toId,
      kind: input.kind,
      createdBy: actorUserId(scope.actor),
    })
    .returning({ id: knowledgeLinks.id });
  return { id: row?.id ?? '' };
}

const pair = (a: string, b: string) =>
  or(
    and(eq(knowledgeLinks.fromEntryId, a), eq(knowledgeLinks.toEntryId, b)),
    and(eq(knowledgeLinks.fromEntryId, b), eq(knowledgeLinks.toEntryId, a)),
  );

export async function unlinkEntries(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { fromId: string; toId: string },
) {
  await loadEntry(deps.db, scope, input.fromId);
  await loadEntry(deps.db, scope, input.toId);
  await deps.db
    .delete(knowledgeLinks)
    .where(and(eq(knowledgeLinks.orgId, scope.orgId), pair(input.fromId, input.toId)));
  return { ok: true as const };
}

type RelatedRow = {
  id: string;
  title: string;
  type: string;
  kind: string;
  direction: 'outgoing' | 'incoming';
};

/**
 * Related entries: manual links (both directions), then suggestions by meaning, the entries whose
 * chunks lie nearest to this entry's centroid embedding. Both respect visibility: a private entry
 * of someone else is neither listed nor suggested.
 */
export async function relatedEntries(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { id: string; limit: number },
) {
  const entry = await loadEntry(deps.db, scope, input.id);
  const visible = visibleEntrySql(scope);
  const linked = await queryRows<RelatedRow>(
    deps.db,
    sql`select e.id, e.title, e.type, l.kind, case when l.from_entry_id = ${entry.id} then 'outgoing' else 'incoming' end as direction
        from knowledge_links l
        join knowledge_entries e on e.id = case when l.from_entry_id = ${entry.id} then l.to_entry_id else l.from_entry_id end
        where l.org_id = ${scope.orgId} and (l.from_entry_id = ${entry.id} or l.to_entry_id = ${entry.id}) and ${visible}
        order by lower(e.title)`,
  );
  const [centroid] = await queryRows<{ v: string | null }>(
    deps.db,
    sql`select avg(embedding)::text as v from chunks where org_id = ${scope.orgId} and entry_id = ${entry.id} and embedding is not null`,
  );
  let suggested: { id: string; title: string; type: string; similarity: number }[] = [];
  if (centroid?.v) {
    const v = vectorLiteral(JSON.parse(centroid.v) as number[]);
    const exclude = [entry.id, ...linked.map((l) => l.id)];
    suggested = await queryRows(
      deps.db,
      sql`select e.id, e.title, e.type, max(nn.similarity)::float8 as similarity
          from (
            select c.entry_id, 1 - (c.embedding <=> ${v}) as similarity from chunks c
            where c.org_id = ${scope.orgId} and c.entry_id is not null and c.embedding is not null
              and exists (select 1 from knowledge_entries e where e.id = c.entry_id and ${visible})
            order by c.embedding <=> ${v} limit ${input.limit * 4 + exclude.length * 4}::int
          ) nn
          join knowledge_entries e on e.id = nn.entry_id
          where not (e.id = any(${`{${exclude.join(',')}}`}::uuid[]))
          group by e.id, e.title, e.type
          order by similarity desc limit ${input.limit}::int`,
    );
  }
  return { linked, suggested: suggested.map((s) => ({ ...s, similarity: Number(s.similarity) })) };
}
