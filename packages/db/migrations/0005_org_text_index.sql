-- btree_gin lets uuid sit in a GIN index beside the tsvector (trusted extension: no superuser needed).
CREATE EXTENSION IF NOT EXISTS btree_gin;
--> statement-breakpoint
DROP INDEX "chunks_tsv_gin_idx";--> statement-breakpoint
CREATE INDEX "chunks_tsv_gin_idx" ON "chunks" USING gin ("org_id","tsv");
