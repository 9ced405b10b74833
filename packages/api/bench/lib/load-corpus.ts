import { localEmbed } from '@consailt/ai';
import { chunks, entryContentHash, knowledgeEntries, memberships, organizations } from '@consailt/db';
import { createMember, createOrg } from '@consailt/db/testing';
import { eq, sql } from 'drizzle-orm';
import type { Runtime } from '../../src/runtime';
import { chunkMarkdown, HEADING_SEPARATOR } from '../../src/services/indexing/chunker';
import { embeddingText } from '../../src/services/indexing/index-entry';
import { callerAs } from '../../src/testing';
import { prng, syntheticEntry, type Vocabulary } from './synthetic';

export type BenchOrg = { orgId: string; userId: string; apiKey: string };

const SECTIONS = 10;
const SECTION_CHARS = 1700;

/**
 * The benchmark organizations, created and filled once per database: entries of ten sections,
 * cut by the product's chunker, embedded with the local embedder, inserted 500 chunks per
 * statement (the BM25 triggers run per statement, as for any writer). A later run finds the
 * organizations by slug and only mints fresh API keys.
 */
export async function loadCorpus(
  runtime: Runtime,
  opts: { totalChunks: number; orgCount: number; vocab: Vocabulary; log: (m: string) => void },
): Promise<BenchOrg[]> {
  const db = runtime.database.db;
  const out: BenchOrg[] = [];
  const perOrg = Math.ceil(opts.totalChunks / opts.orgCount);
  for (let o = 0; o < opts.orgCount; o++) {
    const slug = `bench-search-${opts.totalChunks}-${o}`;
    let [org] = await db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.slug, slug));
    let userId: string;
    if (org) {
      const [m] = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(eq(memberships.orgId, org.id));
      userId = m?.userId ?? '';
    } else {
      org = await createOrg(db, { name: `Search bench ${o}`, slug });
      userId = (await createMember(db, { orgId: org.id, role: 'owner' })).user.id;
      const rand = prng(1000 + o);
      let written = 0;
      while (written < perOrg) {
        const batch: {
          entry: typeof knowledgeEntries.$inferInsert;
          drafts: ReturnType<typeof chunkMarkdown>;
        }[] = [];
        while (batch.length < 50 && written < perOrg) {
          const { title, body } = syntheticEntry(rand, opts.vocab, SECTIONS, SECTION_CHARS);
          const drafts = chunkMarkdown(title, body).slice(0, perOrg - written);
          const hash = entryContentHash(title, body);
          batch.push({
            entry: {
              orgId: org.id,
              authorId: userId,
              title,
              body,
              type: 'note',
              contentHash: hash,
              indexedHash: hash,
              indexedAt: new Date(),
            },
            drafts,
          });
          written += drafts.length;
        }
        const ids = await db
          .insert(knowledgeEntries)
          .values(batch.map((b) => b.entry))
          .returning({ id: knowledgeEntries.id });
        const rows = batch.flatMap((b, i) =>
          b.drafts.map((d) => {
            const text = embeddingText(d.headingPath, d.text);
            return {
              orgId: org?.id ?? '',
              entryId: ids[i]?.id ?? '',
              ordinal: d.ordinal,
              text: d.text,
              headingPath: d.headingPath,
              heading: d.headingPath.join(HEADING_SEPARATOR),
              tokenCount: d.tokenCount,
              contentHash: text.length.toString(36),
              embedding: Array.from(localEmbed(text)),
              embeddingModel: 'local.hash-embed-v1',
            };
          }),
        );
        for (let i = 0; i < rows.length; i += 500) await db.insert(chunks).values(rows.slice(i, i + 500));
      }
      opts.log(`organization ${o + 1}/${opts.orgCount}: ${written} chunks`);
    }
    const { key } = await (await callerAs(runtime, userId, org.id)).apiKeys.create({
      name: `bench ${Date.now()}`,
      scopes: ['knowledge:read'],
    });
    out.push({ orgId: org.id, userId, apiKey: key });
  }
  // As autovacuum would after a bulk load: the planner needs statistics for the new rows.
  await db.execute(sql`analyze chunks`);
  await db.execute(sql`analyze knowledge_entries`);
  await db.execute(sql`analyze term_stats`);
  return out;
}
