import { memberships, users } from '@consailt/db';
import { asc, eq, sql } from 'drizzle-orm';
import type { Executor, OrgScope } from '../types';
import type { AnalyticsRange } from './range';

/**
 * What each current member did in a window: entries created (including since-deleted ones: the work
 * happened), searches run, and questions asked. Members who did nothing are listed with zeros, so an
 * admin sees who is not using the product too. Gated by the router to admins.
 */
export async function getMemberActivity(db: Executor, scope: OrgScope, range: AnalyticsRange) {
  // Raw subqueries alias their table `x`; the bounds travel as ISO strings so both drivers agree.
  const inWindow = sql`x.created_at >= ${range.from.toISOString()}::timestamptz and x.created_at < ${range.to.toISOString()}::timestamptz`;
  const entriesCreated = sql<number>`(select count(*)::int from knowledge_entries x where x.org_id = ${scope.orgId} and x.author_id = ${users.id} and ${inWindow})`;
  const searches = sql<number>`(select count(*)::int from search_history x where x.org_id = ${scope.orgId} and x.user_id = ${users.id} and ${inWindow})`;
  // A question is a user message in one of the member's own conversations.
  const asks = sql<number>`(select count(*)::int from messages x join conversations c on c.id = x.conversation_id where x.org_id = ${scope.orgId} and c.user_id = ${users.id} and x.role = 'user' and ${inWindow})`;
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      entriesCreated,
      searches,
      asks,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, scope.orgId))
    .orderBy(asc(users.name), asc(users.email));
  const members = rows
    .map((row) => ({ ...row, total: row.entriesCreated + row.searches + row.asks }))
    .sort((a, b) => b.total - a.total);
  return { from: range.from, to: range.to, members };
}
