-- Back to the full-precision HNSW index (undoes 0009). PGlite, the embedded mode, runs pgvector as
-- WebAssembly without F16C, so every distance on halfvec converts half floats in software: an HNSW
-- insert took ~6x longer there (800 random 1,024-dimension vectors: 52 s against 8.5 s), while on
-- PostgreSQL the cheaper inserts did not show in the indexing pipeline's throughput.
DROP INDEX "chunks_embedding_hnsw_idx";--> statement-breakpoint
CREATE INDEX "chunks_embedding_hnsw_idx" ON "chunks" USING hnsw ("embedding" vector_cosine_ops);