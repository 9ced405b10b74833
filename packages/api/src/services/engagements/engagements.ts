import { engagements, knowledgeEntries } from '@consailt/db';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { visibleEntry } from '../knowledge/access';
import { actorUserId, type Deps, type OrgScope } from '../types';

const ZDate = z.iso.date().nullish();
const shape = {
  name: z.string().trim().min(1, 'Name is required').max(200),
  clientName: z.string().trim().min(1, 'Client name is required').max(200),
  status: z.enum(['prospect', 'active', 'on_hold', 'completed', 'archived']),
  startDate: ZDate,
  endDate: ZDate,
  description: z.string().max(10_000),
  keywords: z.array(z.string().trim().min(1).max(60)).max(50),
};
export const ZCreateEngagementInput = z.object({
  ...shape,
  status: shape.status.default('active'),
  description: shape.description.default(''),
  keywords: shape.keywords.default([]),
});
export const ZUpdateEngagementInput = z.object({ id: z.uuid() }).extend(z.object(shape).partial().shape);

function assertDates(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw new ValidationError('The end date is before the start date');
}

async function loadEngagement(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const [row] = await deps.db
    .select()
    .from(engagements)
    .where(and(eq(engagements.id, id), eq(engagements.orgId, scope.orgId), isNull(engagements.deletedAt)));
  if (!row) throw new NotFoundError('Engagement', id);
  return row;
}

async function assertFreeName(deps: Pick<Deps, 'db'>, scope: OrgScope, name: string, self?: string) {
  const [clash] = await deps.db
    .select({ id: engagements.id })
    .from(engagements)
    .where(
      and(
        eq(engagements.orgId, scope.orgId),
        eq(engagements.name, name),
        isNull(engagements.deletedAt),
        ...(self ? [ne(engagements.id, self)] : []),
      ),
    );
  if (clash) throw new ConflictError(`An engagement named "${name}" already exists`);
}

/** An engagement with its linked entries (the latest 20 the actor can see) and counts. */
export async function getEngagement(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const e = await loadEngagement(deps, scope, id);
  const live = and(
    visibleEntry(scope),
    isNull(knowledgeEntries.deletedAt),
    eq(knowledgeEntries.engagementId, id),
  );
  const [counts] = await deps.db
    .select({
      entryCount: sql<number>`count(*)::int`,
      newsCount: sql<number>`(select count(*)::int from news_relevance r where r.org_id = ${scope.orgId} and r.engagement_id = ${id})`,
    })
    .from(knowledgeEntries)
    .where(live);
  const recentEntries = await deps.db
    .select({
      id: knowledgeEntries.id,
      title: knowledgeEntries.title,
      type: knowledgeEntries.type,
      updatedAt: knowledgeEntries.updatedAt,
    })
    .from(knowledgeEntries)
    .where(live)
    .orderBy(desc(knowledgeEntries.updatedAt))
    .limit(20);
  return {
    id: e.id,
    name: e.name,
    clientName: e.clientName,
    status: e.status,
    startDate: e.startDate,
    endDate: e.endDate,
    description: e.description,
    keywords: e.keywords,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
    entryCount: counts?.entryCount ?? 0,
    newsCount: counts?.newsCount ?? 0,
    recentEntries,
  };
}

export async function createEngagement(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZCreateEngagementInput>,
) {
  assertDates(input.startDate, input.endDate);
  await assertFreeName(deps, scope, input.name);
  const [row] = await deps.db
    .insert(engagements)
    .values({ ...input, orgId: scope.orgId, createdBy: actorUserId(scope.actor) })
    .returning({ id: engagements.id });
  return { id: row?.id ?? '' };
}

export async function updateEngagement(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZUpdateEngagementInput>,
) {
  const current = await loadEngagement(deps, scope, input.id);
  assertDates(
    input.startDate === undefined ? current.startDate : input.startDate,
    input.endDate === undefined ? current.endDate : input.endDate,
  );
  if (input.name) await assertFreeName(deps, scope, input.name, input.id);
  const { id, ...changes } = input;
  await deps.db
    .update(engagements)
    .set(changes)
    .where(and(eq(engagements.id, id), eq(engagements.orgId, scope.orgId)));
  return { id };
}

/** Soft delete: the engagement leaves lists and pickers; entries keep their link (shown by name). */
export async function deleteEngagement(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const e = await loadEngagement(deps, scope, id);
  await deps.db
    .update(engagements)
    .set({ deletedAt: new Date() })
    .where(and(eq(engagements.id, id), eq(engagements.orgId, scope.orgId)));
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'engagement.delete',
    targetType: 'engagement',
    targetId: id,
    metadata: { name: e.name, clientName: e.clientName },
    request: scope.request,
  });
  return { id };
}
