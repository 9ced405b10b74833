import { randomUUID } from 'node:crypto';
import type { Executor } from '../client';
import { entryContentHash } from '../hash';
import { engagements, knowledgeEntries, memberships, organizations, type Role, users } from '../schema';

type OrgRow = typeof organizations.$inferSelect;
type UserRow = typeof users.$inferSelect;
type EntryRow = typeof knowledgeEntries.$inferSelect;
type EngagementRow = typeof engagements.$inferSelect;

const unique = () => randomUUID().slice(0, 8);

export async function createOrg(db: Executor, overrides: Partial<typeof organizations.$inferInsert> = {}) {
  const suffix = unique();
  const [org] = await db
    .insert(organizations)
    .values({ name: `Test Org ${suffix}`, slug: `test-org-${suffix}`, ...overrides })
    .returning();
  return org as OrgRow;
}

export async function createUser(db: Executor, overrides: Partial<typeof users.$inferInsert> = {}) {
  const suffix = unique();
  const [user] = await db
    .insert(users)
    .values({ email: `user-${suffix}@example.test`, name: `User ${suffix}`, ...overrides })
    .returning();
  return user as UserRow;
}

/** A user with a membership in `orgId` (creating the user unless one is given). */
export async function createMember(
  db: Executor,
  opts: { orgId: string; role?: Role; user?: Partial<typeof users.$inferInsert> },
) {
  const user = await createUser(db, opts.user);
  await db.insert(memberships).values({ orgId: opts.orgId, userId: user.id, role: opts.role ?? 'member' });
  return { user, role: opts.role ?? 'member' };
}

export async function createEngagement(
  db: Executor,
  opts: { orgId: string } & Partial<typeof engagements.$inferInsert>,
) {
  const suffix = unique();
  const [row] = await db
    .insert(engagements)
    .values({ name: `Engagement ${suffix}`, clientName: `Client ${suffix}`, ...opts })
    .returning();
  return row as EngagementRow;
}

export async function createEntry(
  db: Executor,
  opts: { orgId: string; authorId?: string | null } & Partial<typeof knowledgeEntries.$inferInsert>,
) {
  const title = opts.title ?? `Entry ${unique()}`;
  const body = opts.body ?? 'Lessons learned from the discovery workshop.';
  const [row] = await db
    .insert(knowledgeEntries)
    .values({ ...opts, title, body, contentHash: entryContentHash(title, body) })
    .returning();
  return row as EntryRow;
}
