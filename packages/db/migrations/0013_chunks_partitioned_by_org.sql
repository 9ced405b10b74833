-- Chunks partitioned by organization (hash of org_id, 16 partitions), so that each partition has its
-- own HNSW graph. With one graph for every organization, a filtered nearest-neighbour walk skipped
-- the other organizations' nodes one by one (pgvector's iterative scan): with 10 organizations of
-- 10,000 chunks each, ~10 nodes visited for every one that counted, and that walk was the larger
-- part of a hybrid search's latency. A query names its organization (and row-level security adds
-- it again), so PostgreSQL reads one partition. Its BM25 GIN index shrinks the same way.
--
-- A partitioned table's unique keys must contain the partition key, hence (org_id, id) as the
-- primary key and org_id in the two ordinal keys; ids stay gen_random_uuid() and unique.
-- Existing rows are copied (tsv and term_count are generated again from the same text), then the
-- triggers that keep BM25 statistics are attached: the copy changes no statistic.
ALTER TABLE "chunks" RENAME TO "chunks_unpartitioned";--> statement-breakpoint
ALTER TABLE "chunks_unpartitioned" RENAME CONSTRAINT "chunks_pkey" TO "chunks_unpartitioned_pkey";--> statement-breakpoint
ALTER TABLE "chunks_unpartitioned" RENAME CONSTRAINT "chunks_one_source_chk" TO "chunks_unpartitioned_one_source_chk";--> statement-breakpoint
ALTER INDEX "chunks_entry_ordinal_key" RENAME TO "chunks_unpartitioned_entry_ordinal_key";--> statement-breakpoint
ALTER INDEX "chunks_article_ordinal_key" RENAME TO "chunks_unpartitioned_article_ordinal_key";--> statement-breakpoint
ALTER INDEX "chunks_org_idx" RENAME TO "chunks_unpartitioned_org_idx";--> statement-breakpoint
ALTER INDEX "chunks_embedding_hnsw_idx" RENAME TO "chunks_unpartitioned_embedding_hnsw_idx";--> statement-breakpoint
ALTER INDEX "chunks_tsv_gin_idx" RENAME TO "chunks_unpartitioned_tsv_gin_idx";--> statement-breakpoint
CREATE TABLE "chunks" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"entry_id" uuid,
	"article_id" uuid,
	"ordinal" integer NOT NULL,
	"text" text NOT NULL,
	"heading_path" text[] DEFAULT '{}'::text[] NOT NULL,
	"heading" text DEFAULT '' NOT NULL,
	"token_count" integer NOT NULL,
	"content_hash" text NOT NULL,
	"embedding" vector(1024),
	"embedding_model" text,
	"tsv" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', heading), 'A') || setweight(to_tsvector('english', text), 'B')) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"term_count" integer GENERATED ALWAYS AS (tsvector_term_count(to_tsvector('english', heading)) + tsvector_term_count(to_tsvector('english', text))) STORED NOT NULL,
	CONSTRAINT "chunks_pkey" PRIMARY KEY ("org_id", "id"),
	CONSTRAINT "chunks_one_source_chk" CHECK (("entry_id" is null) <> ("article_id" is null))
) PARTITION BY HASH ("org_id");--> statement-breakpoint
-- The application role reaches chunks only through the parent table, whose row-level security
-- policy applies; the partitions themselves are closed to it (the schema's default privileges
-- would otherwise grant them, and a partition read directly has no policy).
DO $$
DECLARE
  part text;
BEGIN
  FOR i IN 0..15 LOOP
    part := 'chunks_p' || lpad(i::text, 2, '0');
    EXECUTE format('CREATE TABLE %I PARTITION OF chunks FOR VALUES WITH (MODULUS 16, REMAINDER %s)', part, i);
    EXECUTE format('REVOKE ALL ON %I FROM consailt_app', part);
  END LOOP;
END $$;--> statement-breakpoint
ALTER TABLE "chunks" ALTER COLUMN "tsv" SET STORAGE MAIN;--> statement-breakpoint
INSERT INTO "chunks" ("id", "org_id", "entry_id", "article_id", "ordinal", "text", "heading_path", "heading",
    "token_count", "content_hash", "embedding", "embedding_model", "created_at")
  SELECT "id", "org_id", "entry_id", "article_id", "ordinal", "text", "heading_path", "heading",
    "token_count", "content_hash", "embedding", "embedding_model", "created_at"
  FROM "chunks_unpartitioned";--> statement-breakpoint
DROP TABLE "chunks_unpartitioned";--> statement-breakpoint
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_entry_id_knowledge_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."knowledge_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chunks" ADD CONSTRAINT "chunks_article_id_news_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."news_articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Indexes are built after the copy (an HNSW build is far cheaper than one insert per row), with
-- room for a partition's graph in memory for this transaction.
SET LOCAL maintenance_work_mem = '256MB';--> statement-breakpoint
CREATE UNIQUE INDEX "chunks_entry_ordinal_key" ON "chunks" USING btree ("entry_id","ordinal","org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chunks_article_ordinal_key" ON "chunks" USING btree ("article_id","ordinal","org_id");--> statement-breakpoint
CREATE INDEX "chunks_org_idx" ON "chunks" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "chunks_embedding_hnsw_idx" ON "chunks" USING hnsw ("embedding" vector_cosine_ops);--> statement-breakpoint
CREATE INDEX "chunks_tsv_gin_idx" ON "chunks" USING gin ("org_id","tsv");--> statement-breakpoint
ALTER TABLE "chunks" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE POLICY org_isolation ON "chunks" USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org());--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "chunks" TO consailt_app;--> statement-breakpoint
CREATE TRIGGER chunks_term_stats_insert AFTER INSERT ON chunks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chunks_apply_term_stats();--> statement-breakpoint
CREATE TRIGGER chunks_term_stats_delete AFTER DELETE ON chunks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION chunks_apply_term_stats();--> statement-breakpoint
CREATE TRIGGER chunks_term_stats_update AFTER UPDATE ON chunks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chunks_apply_term_stats();
