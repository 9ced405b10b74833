import { chunks, knowledgeEntries, sha256, withOrgContext } from '@consailt/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../types';
import { type ChunkOptions, chunkMarkdown, type DraftChunk, HEADING_SEPARATOR } from './chunker';
import { deferTermStats, foldTermStats } from './term-stats';

export type IndexEntryResult =
  | { status: 'indexed'; chunks: number; embedded: number; reused: number; modelId: string }
  | { status: 'unchanged' | 'stale' | 'removed'; chunks: number };

/** Texts per embedding call: large enough to amortize the call, small enough for provider limits. */
const EMBED_BATCH = 64;

/** What a chunk's embedding is computed from; its hash decides whether an old vector can be reused. */
export function embeddingText(headingPath: string[], text: string): string {
  return text ? `${headingPath.join(HEADING_SEPARATOR)}\n\n${text}` : headingPath.join(HEADING_SEPARATOR);
}

function chunkHash(c: DraftChunk): string {
  return sha256(embeddingText(c.headingPath, c.text));
}

type ExistingChunk = {
  id: string;
  ordinal: number;
  contentHash: string;
  model: string | null;
  vector: number[] | null;
};

/**
 * Chunk, embed and index one entry. Idempotent by content hash: when the entry's `indexed_hash`
 * already matches its content nothing is done, and chunks whose text did not change keep their
 * row and vector. Embedding happens between two short transactions (never inside one: a model
 * call must not hold a connection); the write transaction re-checks the content hash so an edit
 * made meanwhile wins (its own job indexes it). Chunk rows, BM25 statistics (trigger) and the
 * entry's `indexed_hash` commit together; the BM25 statistics are deferred in that transaction and
 * folded right after it commits (see `term-stats.ts`), so jobs of one organization run in parallel.
 */
export async function indexEntry(
  deps: Pick<Deps, 'db' | 'ai'>,
  input: { orgId: string; entryId: string; force?: boolean },
  opts: ChunkOptions = {},
): Promise<IndexEntryResult> {
  const result = await writeEntryIndex(deps, input, opts);
  // Also when nothing was written: a re-run of a job whose worker died after its commit folds
  // what that worker left pending.
  await foldTermStats(deps, input.orgId);
  return result;
}

async function writeEntryIndex(
  deps: Pick<Deps, 'db' | 'ai'>,
  input: { orgId: string; entryId: string; force?: boolean },
  opts: ChunkOptions = {},
): Promise<IndexEntryResult> {
  const { orgId, entryId } = input;
  const snapshot = await withOrgContext(deps.db, orgId, async (tx) => {
    const [entry] = await tx
      .select({
        title: knowledgeEntries.title,
        body: knowledgeEntries.body,
        contentHash: knowledgeEntries.contentHash,
        indexedHash: knowledgeEntries.indexedHash,
        deletedAt: knowledgeEntries.deletedAt,
      })
      .from(knowledgeEntries)
      .where(and(eq(knowledgeEntries.id, entryId), eq(knowledgeEntries.orgId, orgId)));
    if (!entry || entry.deletedAt) {
      // Deleted (or purged) since the job was queued: make sure nothing of it stays searchable.
      const removed = await tx
        .delete(chunks)
        .where(and(eq(chunks.orgId, orgId), eq(chunks.entryId, entryId)))
        .returning({ id: chunks.id });
      return { kind: 'removed' as const, count: removed.length };
    }
    const existing: ExistingChunk[] = await tx
      .select({
        id: chunks.id,
        ordinal: chunks.ordinal,
        contentHash: chunks.contentHash,
        model: chunks.embeddingModel,
        vector: chunks.embedding,
      })
      .from(chunks)
      .where(and(eq(chunks.orgId, orgId), eq(chunks.entryId, entryId)));
    return { kind: 'entry' as const, entry, existing };
  });
  if (snapshot.kind === 'removed') return { status: 'removed', chunks: snapshot.count };
  const { entry, existing } = snapshot;
  if (!input.force && entry.indexedHash === entry.contentHash && existing.length > 0) {
    return { status: 'unchanged', chunks: existing.length };
  }

  const drafts = chunkMarkdown(entry.title, entry.body, opts);
  const hashes = drafts.map(chunkHash);
  const reusable = new Map<string, { model: string; vector: number[] }>();
  if (!input.force) {
    for (const e of existing)
      if (e.vector && e.model) reusable.set(e.contentHash, { model: e.model, vector: e.vector });
  }
  const vectors = new Map<string, number[]>();
  let modelId = [...reusable.values()][0]?.model ?? '';
  let embedded = 0;
  const embedMissing = async (wanted: string[]) => {
    const todo = [...new Set(wanted)];
    for (let i = 0; i < todo.length; i += EMBED_BATCH) {
      const batch = todo.slice(i, i + EMBED_BATCH);
      const texts = batch.map((h) => {
        const d = drafts[hashes.indexOf(h)] as DraftChunk;
        return embeddingText(d.headingPath, d.text);
      });
      const res = await deps.ai.embed({ orgId, userId: null, texts, kind: 'document' });
      modelId = res.modelId;
      batch.forEach((h, j) => {
        vectors.set(h, Array.from(res.vectors[j] ?? []));
      });
      embedded += batch.length;
    }
  };
  await embedMissing(hashes.filter((h) => !reusable.has(h)));
  // Every vector of an entry must come from one model: re-embed reused ones from another model.
  const stale = hashes.filter((h) => !vectors.has(h) && reusable.get(h)?.model !== modelId);
  if (embedded > 0 && stale.length > 0) await embedMissing(stale);
  for (const h of hashes) {
    const r = reusable.get(h);
    if (!vectors.has(h) && r) vectors.set(h, r.vector);
  }

  return withOrgContext(deps.db, orgId, async (tx) => {
    await deferTermStats(tx);
    const [current] = await tx
      .select({ contentHash: knowledgeEntries.contentHash, deletedAt: knowledgeEntries.deletedAt })
      .from(knowledgeEntries)
      .where(and(eq(knowledgeEntries.id, entryId), eq(knowledgeEntries.orgId, orgId)))
      .for('update');
    if (!current || current.deletedAt || current.contentHash !== entry.contentHash) {
      return { status: 'stale' as const, chunks: existing.length };
    }
    // Rows whose ordinal, text and model are unchanged stay as they are (stable chunk ids).
    const keep = new Set<string>();
    for (const e of existing) {
      if (!input.force && hashes[e.ordinal] === e.contentHash && e.model === modelId) keep.add(e.id);
    }
    const keptOrdinals = new Set(existing.filter((e) => keep.has(e.id)).map((e) => e.ordinal));
    const drop = existing.filter((e) => !keep.has(e.id)).map((e) => e.id);
    if (drop.length > 0)
      await tx.delete(chunks).where(and(eq(chunks.orgId, orgId), inArray(chunks.id, drop)));
    const rows = drafts
      .filter((d) => !keptOrdinals.has(d.ordinal))
      .map((d) => {
        const hash = hashes[d.ordinal] as string;
        return {
          orgId,
          entryId,
          ordinal: d.ordinal,
          text: d.text,
          headingPath: d.headingPath,
          heading: d.headingPath.join(HEADING_SEPARATOR),
          tokenCount: d.tokenCount,
          contentHash: hash,
          embedding: vectors.get(hash) ?? null,
          embeddingModel: vectors.has(hash) ? modelId : null,
        };
      });
    // One statement per few hundred rows keeps the BM25 trigger to one aggregate per batch.
    for (let i = 0; i < rows.length; i += 200) await tx.insert(chunks).values(rows.slice(i, i + 200));
    await tx
      .update(knowledgeEntries)
      // Derived data, not an edit: updated_at must not move.
      .set({
        indexedHash: entry.contentHash,
        indexedAt: new Date(),
        updatedAt: sql`${knowledgeEntries.updatedAt}`,
      })
      .where(and(eq(knowledgeEntries.id, entryId), eq(knowledgeEntries.orgId, orgId)));
    return {
      status: 'indexed' as const,
      chunks: drafts.length,
      embedded,
      reused: drafts.length - embedded,
      modelId,
    };
  });
}

/** Remove an entry's chunks (and so its BM25 statistics) inside the caller's transaction. */
export async function removeEntryChunks(tx: Pick<Deps, 'db'>['db'], orgId: string, entryId: string) {
  await tx.delete(chunks).where(and(eq(chunks.orgId, orgId), eq(chunks.entryId, entryId)));
  await tx
    .update(knowledgeEntries)
    .set({ indexedHash: null, indexedAt: null, updatedAt: sql`${knowledgeEntries.updatedAt}` })
    .where(and(eq(knowledgeEntries.id, entryId), eq(knowledgeEntries.orgId, orgId)));
}
