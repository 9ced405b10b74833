-- HNSW over half-precision copies of the embeddings: half the pages per graph element, so inserts
-- (the costliest step of indexing) and searches read half as much. Queries order by
-- (embedding::halfvec(1024)) <=> $v::halfvec(1024) to use it; the column keeps full precision.
DROP INDEX "chunks_embedding_hnsw_idx";--> statement-breakpoint
CREATE INDEX "chunks_embedding_hnsw_idx" ON "chunks" USING hnsw (("embedding"::halfvec(1024)) halfvec_cosine_ops);