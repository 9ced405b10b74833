import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  vector,
} from 'drizzle-orm/pg-core';
import { createdAt, id, tsvector } from './columns';
import { knowledgeEntries } from './knowledge';
import { newsArticles } from './news';
import { organizations, users } from './organizations';

export const EMBEDDING_DIMENSIONS = 1024;

/**
 * Retrieval unit. A chunk belongs to a knowledge entry or to a news article (exactly one), so
 * hybrid search covers both sources through one index. The table is partitioned by a hash of
 * `org_id` (migration 0013: 16 partitions, each with its own HNSW graph and GIN index), which
 * drizzle does not model; hence `org_id` in the primary key and in the two ordinal keys.
 */
export const chunks = pgTable(
  'chunks',
  {
    id: uuid('id').notNull().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id').references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    articleId: uuid('article_id').references(() => newsArticles.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    headingPath: text('heading_path').array().notNull().default(sql`'{}'::text[]`),
    /** Heading path joined with " > "; a plain column because generated columns need immutable input. */
    heading: text('heading').notNull().default(''),
    tokenCount: integer('token_count').notNull(),
    /**
     * BM25 document length: lexeme occurrences in `tsv` (stop words excluded), generated so that
     * every writer (entries, news) gets it right. `tsvector_term_count` is created in migration 0004.
     */
    termCount: integer('term_count')
      .notNull()
      .generatedAlwaysAs(
        sql`tsvector_term_count(to_tsvector('english', heading)) + tsvector_term_count(to_tsvector('english', text))`,
      ),
    contentHash: text('content_hash').notNull(),
    embedding: vector('embedding', { dimensions: EMBEDDING_DIMENSIONS }),
    embeddingModel: text('embedding_model'),
    // Headings weigh more than body text in the lexical ranking.
    tsv: tsvector('tsv')
      .notNull()
      .generatedAlwaysAs(
        sql`setweight(to_tsvector('english', heading), 'A') || setweight(to_tsvector('english', text), 'B')`,
      ),
    createdAt: createdAt(),
  },
  (t) => [
    // Led by org_id, so it also serves lookups by organization (0014 dropped a separate index).
    primaryKey({ name: 'chunks_pkey', columns: [t.orgId, t.id] }),
    uniqueIndex('chunks_entry_ordinal_key').on(t.entryId, t.ordinal, t.orgId),
    uniqueIndex('chunks_article_ordinal_key').on(t.articleId, t.ordinal, t.orgId),
    // Full precision (migration 0011 undid 0009's half-precision index: PGlite's WebAssembly build
    // converts halfvec in software, which made every HNSW insert of the embedded mode ~6x slower).
    index('chunks_embedding_hnsw_idx').using('hnsw', t.embedding.op('vector_cosine_ops')),
    // org_id inside the GIN index (btree_gin, migration 0005): a term's matches are intersected with
    // the organization in the index, instead of visiting every organization's rows in the heap.
    index('chunks_tsv_gin_idx').using('gin', t.orgId, t.tsv),
    check('chunks_one_source_chk', sql`(${t.entryId} is null) <> (${t.articleId} is null)`),
  ],
);

/**
 * BM25 document frequencies per organization: how many chunks contain each lexeme. Maintained by
 * statement-level triggers on `chunks` (migration 0004) in the same transaction as the chunk writes.
 * A lexeme whose last chunk is gone keeps a row with df 0 (harmless: no chunk matches it).
 */
export const termStats = pgTable(
  'term_stats',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    lexeme: text('lexeme').notNull(),
    df: integer('df').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.lexeme] })],
);

/** Corpus size per organization for BM25 (N and average length), maintained with `term_stats`. */
export const corpusStats = pgTable('corpus_stats', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  chunkCount: bigint('chunk_count', { mode: 'number' }).notNull().default(0),
  termTotal: bigint('term_total', { mode: 'number' }).notNull().default(0),
});

export type SearchFilters = Record<string, unknown>;

export const searchHistory = pgTable(
  'search_history',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    query: text('query').notNull(),
    filters: jsonb('filters').$type<SearchFilters>().notNull().default({}),
    resultCount: integer('result_count').notNull(),
    latencyMs: integer('latency_ms').notNull(),
    clickedEntryId: uuid('clicked_entry_id').references(() => knowledgeEntries.id, { onDelete: 'set null' }),
    clickedRank: integer('clicked_rank'),
    clickedAt: timestamp('clicked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('search_history_org_created_idx').on(t.orgId, t.createdAt)],
);
