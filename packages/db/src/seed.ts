import { eq } from 'drizzle-orm';
import type { Database } from './client';
import { countWords, entryContentHash } from './hash';
import {
  engagements,
  entryTags,
  knowledgeEntries,
  knowledgeVersions,
  memberships,
  organizations,
  tags,
  users,
} from './schema';
import { DEMO_ENGAGEMENTS, DEMO_ENTRIES, DEMO_ORG, DEMO_USERS } from './seed-data';

export type SeedResult = { created: boolean; orgId: string };

/**
 * Seed the demo organization. Idempotent: if the demo org exists nothing is written, so a second
 * `npm start` reuses the data. Runs in one transaction so a crash never leaves half a seed.
 */
export async function seedDemoData(db: Database): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    const existing = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, DEMO_ORG.slug));
    if (existing[0]) return { created: false, orgId: existing[0].id };

    const [org] = await tx.insert(organizations).values(DEMO_ORG).returning({ id: organizations.id });
    if (!org) throw new Error('seed: organization insert returned nothing');

    const userIds = new Map<string, string>();
    for (const u of DEMO_USERS) {
      const [row] = await tx
        .insert(users)
        .values({ email: u.email, name: u.name })
        .onConflictDoNothing()
        .returning({ id: users.id });
      const id =
        row?.id ?? (await tx.select({ id: users.id }).from(users).where(eq(users.email, u.email)))[0]?.id;
      if (!id) throw new Error(`seed: could not create user ${u.email}`);
      userIds.set(u.key, id);
      await tx.insert(memberships).values({ orgId: org.id, userId: id, role: u.role });
    }

    const engagementIds = new Map<string, string>();
    for (const e of DEMO_ENGAGEMENTS) {
      const [row] = await tx
        .insert(engagements)
        .values({ ...e.values, orgId: org.id, createdBy: userIds.get('owner') })
        .returning({ id: engagements.id });
      if (row) engagementIds.set(e.key, row.id);
    }

    const tagIds = new Map<string, string>();
    const now = Date.now();
    for (const [i, entry] of DEMO_ENTRIES.entries()) {
      // Spread the entries over the last few weeks so "recent" ordering looks real.
      const at = new Date(now - (DEMO_ENTRIES.length - i) * 26 * 3600_000);
      const [row] = await tx
        .insert(knowledgeEntries)
        .values({
          orgId: org.id,
          title: entry.title,
          body: entry.body,
          type: entry.type,
          authorId: userIds.get(entry.author),
          engagementId: entry.engagement ? engagementIds.get(entry.engagement) : null,
          contentHash: entryContentHash(entry.title, entry.body),
          wordCount: countWords(entry.body),
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: knowledgeEntries.id });
      if (!row) continue;
      await tx.insert(knowledgeVersions).values({
        orgId: org.id,
        entryId: row.id,
        version: 1,
        title: entry.title,
        body: entry.body,
        editedBy: userIds.get(entry.author),
        createdAt: at,
      });
      for (const name of entry.tags) {
        let tagId = tagIds.get(name);
        if (!tagId) {
          const [t] = await tx.insert(tags).values({ orgId: org.id, name }).returning({ id: tags.id });
          tagId = t?.id;
          if (tagId) tagIds.set(name, tagId);
        }
        if (tagId) await tx.insert(entryTags).values({ orgId: org.id, entryId: row.id, tagId });
      }
    }
    return { created: true, orgId: org.id };
  });
}
