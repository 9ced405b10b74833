-- The primary key (org_id, id) of partitioned chunks (0013) already serves lookups by organization:
-- the btree on org_id alone was one more index to maintain for every chunk written.
DROP INDEX "chunks_org_idx";
