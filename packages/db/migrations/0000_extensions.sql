-- pgvector must exist before any table uses the vector type. On managed PostgreSQL the migrating
-- role needs permission to create it (or an operator creates it once).
CREATE EXTENSION IF NOT EXISTS vector;
