-- BM25 document length of a tsvector: lexeme occurrences (stop words are not in it).
CREATE OR REPLACE FUNCTION tsvector_term_count(tsvector) RETURNS integer
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0)::integer FROM unnest($1) $$;
--> statement-breakpoint
CREATE TABLE "file_contents" (
	"file_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "corpus_stats" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"chunk_count" bigint DEFAULT 0 NOT NULL,
	"term_total" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "term_stats" (
	"org_id" uuid NOT NULL,
	"lexeme" text NOT NULL,
	"df" integer NOT NULL,
	CONSTRAINT "term_stats_org_id_lexeme_pk" PRIMARY KEY("org_id","lexeme")
);
--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "reply_to_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "cost_micro_usd" bigint;--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "latency_ms" integer;--> statement-breakpoint
ALTER TABLE "chunks" ADD COLUMN "term_count" integer GENERATED ALWAYS AS (tsvector_term_count(to_tsvector('english', heading)) + tsvector_term_count(to_tsvector('english', text))) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "file_contents" ADD CONSTRAINT "file_contents_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_contents" ADD CONSTRAINT "file_contents_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "corpus_stats" ADD CONSTRAINT "corpus_stats_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_stats" ADD CONSTRAINT "term_stats_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_reply_to_id_messages_id_fk" FOREIGN KEY ("reply_to_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE file_contents ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON file_contents USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON file_contents TO consailt_app;
--> statement-breakpoint
ALTER TABLE term_stats ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON term_stats USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON term_stats TO consailt_app;
--> statement-breakpoint
ALTER TABLE corpus_stats ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON corpus_stats USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON corpus_stats TO consailt_app;
--> statement-breakpoint
-- BM25 statistics follow every chunk write in the same statement's transaction, whoever writes
-- (entry indexing, news, reindex). Statement-level triggers with transition tables aggregate a
-- whole batch into one upsert per lexeme. A per-organization advisory lock serializes concurrent
-- writers of one organization so their row locks on term_stats can never deadlock.
CREATE OR REPLACE FUNCTION chunks_apply_term_stats() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_advisory_xact_lock(hashtextextended('consailt-term-stats:' || o::text, 0))
      FROM (SELECT DISTINCT org_id AS o FROM new_rows ORDER BY 1) orgs;
    INSERT INTO term_stats (org_id, lexeme, df)
      SELECT c.org_id, u.lexeme, count(*)::integer FROM new_rows c, unnest(c.tsv) u
      GROUP BY c.org_id, u.lexeme ORDER BY c.org_id, u.lexeme
      ON CONFLICT (org_id, lexeme) DO UPDATE SET df = term_stats.df + excluded.df;
    INSERT INTO corpus_stats (org_id, chunk_count, term_total)
      SELECT org_id, count(*), coalesce(sum(term_count), 0) FROM new_rows GROUP BY org_id ORDER BY org_id
      ON CONFLICT (org_id) DO UPDATE SET chunk_count = corpus_stats.chunk_count + excluded.chunk_count,
        term_total = corpus_stats.term_total + excluded.term_total;
  ELSIF TG_OP = 'DELETE' THEN
    -- Only updates: when an organization is being deleted its stats rows may already be gone.
    PERFORM pg_advisory_xact_lock(hashtextextended('consailt-term-stats:' || o::text, 0))
      FROM (SELECT DISTINCT org_id AS o FROM old_rows ORDER BY 1) orgs;
    UPDATE term_stats t SET df = greatest(0, t.df - d.n)
      FROM (SELECT c.org_id, u.lexeme, count(*)::integer AS n FROM old_rows c, unnest(c.tsv) u
            GROUP BY c.org_id, u.lexeme) d
      WHERE t.org_id = d.org_id AND t.lexeme = d.lexeme;
    UPDATE corpus_stats s SET chunk_count = greatest(0, s.chunk_count - d.n),
        term_total = greatest(0, s.term_total - d.len)
      FROM (SELECT org_id, count(*) AS n, coalesce(sum(term_count), 0) AS len FROM old_rows GROUP BY org_id) d
      WHERE s.org_id = d.org_id;
  ELSE
    -- UPDATE: the net change (zero unless heading or text changed).
    PERFORM pg_advisory_xact_lock(hashtextextended('consailt-term-stats:' || o::text, 0))
      FROM (SELECT org_id AS o FROM new_rows UNION SELECT org_id FROM old_rows ORDER BY 1) orgs;
    INSERT INTO term_stats (org_id, lexeme, df)
      SELECT org_id, lexeme, sum(n)::integer FROM (
        SELECT c.org_id, u.lexeme, 1 AS n FROM new_rows c, unnest(c.tsv) u
        UNION ALL
        SELECT c.org_id, u.lexeme, -1 FROM old_rows c, unnest(c.tsv) u
      ) x GROUP BY org_id, lexeme HAVING sum(n) <> 0 ORDER BY org_id, lexeme
      ON CONFLICT (org_id, lexeme) DO UPDATE SET df = greatest(0, term_stats.df + excluded.df);
    INSERT INTO corpus_stats (org_id, chunk_count, term_total)
      SELECT org_id, sum(n), sum(len) FROM (
        SELECT org_id, 1 AS n, term_count AS len FROM new_rows
        UNION ALL
        SELECT org_id, -1, -term_count FROM old_rows
      ) x GROUP BY org_id HAVING sum(n) <> 0 OR sum(len) <> 0 ORDER BY org_id
      ON CONFLICT (org_id) DO UPDATE SET chunk_count = greatest(0, corpus_stats.chunk_count + excluded.chunk_count),
        term_total = greatest(0, corpus_stats.term_total + excluded.term_total);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER chunks_term_stats_insert AFTER INSERT ON chunks
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chunks_apply_term_stats();
--> statement-breakpoint
CREATE TRIGGER chunks_term_stats_delete AFTER DELETE ON chunks
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION chunks_apply_term_stats();
--> statement-breakpoint
CREATE TRIGGER chunks_term_stats_update AFTER UPDATE ON chunks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION chunks_apply_term_stats();
--> statement-breakpoint
-- Chunks written before this migration (none in a fresh install) get their statistics too.
INSERT INTO term_stats (org_id, lexeme, df)
  SELECT c.org_id, u.lexeme, count(*)::integer FROM chunks c, unnest(c.tsv) u GROUP BY c.org_id, u.lexeme;
--> statement-breakpoint
INSERT INTO corpus_stats (org_id, chunk_count, term_total)
  SELECT org_id, count(*), coalesce(sum(term_count), 0) FROM chunks GROUP BY org_id;
