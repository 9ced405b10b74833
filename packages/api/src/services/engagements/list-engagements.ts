import { engagements, knowledgeEntries } from '@consailt/db';
import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { Deps, OrgScope } from '../types';

export type EngagementSummary = {
  id: string;
  name: string;
  clientName: string;
  status: string;
  entryCount: number;
};

export async function listEngagements(deps: Pick<Deps, 'db'>, scope: OrgScope): Promise<EngagementSummary[]> {
  return deps.db
    .select({
      id: engagements.id,
      name: engagements.name,
      clientName: engagements.clientName,
      status: engagements.status,
      entryCount: count(knowledgeEntries.id),
    })
    .from(engagements)
    .leftJoin(
      knowledgeEntries,
      and(
        eq(knowledgeEntries.engagementId, engagements.id),
        eq(knowledgeEntries.orgId, engagements.orgId),
        isNull(knowledgeEntries.deletedAt),
        eq(knowledgeEntries.visibility, 'organization'),
      ),
    )
    .where(and(eq(engagements.orgId, scope.orgId), isNull(engagements.deletedAt)))
    .groupBy(engagements.id)
    .orderBy(asc(engagements.name));
}
