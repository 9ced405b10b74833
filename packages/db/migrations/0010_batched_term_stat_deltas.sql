-- Deferred BM25 deltas as one row per statement and organization (parallel arrays of lexemes and
-- deltas) instead of one row per lexeme (issue #6, ingest throughput).
--
-- An entry's chunks hold several hundred distinct lexemes, so each indexing job wrote, and its fold
-- deleted, several hundred pending rows, each with its index entry: profiling the ingest benchmark
-- put the term-statistics triggers and folds at ~30 % of the database's CPU, and the dead pending
-- rows slowed every later fold's scan. Now a job writes one row; the fold unnests the arrays and
-- applies the same sums, so the statistics stay exact (the deferred-statistics tests compare them
-- with the chunks lexeme by lexeme). Pending rows left by a worker killed before this migration
-- are carried over.
CREATE TABLE "term_stats_pending_batches" (
	"org_id" uuid NOT NULL,
	"lexemes" text[] NOT NULL,
	"deltas" integer[] NOT NULL,
	CONSTRAINT "term_stats_pending_batches_shape_chk" CHECK (cardinality("lexemes") = cardinality("deltas"))
);
--> statement-breakpoint
INSERT INTO term_stats_pending_batches (org_id, lexemes, deltas)
  SELECT org_id, array_agg(lexeme), array_agg(delta) FROM term_stats_pending GROUP BY org_id;
--> statement-breakpoint
DROP TABLE term_stats_pending;
--> statement-breakpoint
ALTER TABLE term_stats_pending_batches RENAME TO term_stats_pending;
--> statement-breakpoint
ALTER TABLE term_stats_pending RENAME CONSTRAINT term_stats_pending_batches_shape_chk TO term_stats_pending_shape_chk;
--> statement-breakpoint
ALTER TABLE "term_stats_pending" ADD CONSTRAINT "term_stats_pending_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "term_stats_pending_org_idx" ON "term_stats_pending" ("org_id");
--> statement-breakpoint
ALTER TABLE term_stats_pending ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY org_isolation ON term_stats_pending USING (org_id = app_current_org()) WITH CHECK (org_id = app_current_org());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON term_stats_pending TO consailt_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION fold_term_stats(p_org uuid) RETURNS void
  LANGUAGE plpgsql
  AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('consailt-term-stats:' || p_org::text, 0));
  WITH d AS (DELETE FROM term_stats_pending WHERE org_id = p_org RETURNING lexemes, deltas)
  INSERT INTO term_stats (org_id, lexeme, df)
    SELECT p_org, u.lexeme, sum(u.delta)::integer FROM d, unnest(d.lexemes, d.deltas) AS u(lexeme, delta)
    GROUP BY u.lexeme HAVING sum(u.delta) <> 0 ORDER BY u.lexeme
    ON CONFLICT (org_id, lexeme) DO UPDATE SET df = greatest(0, term_stats.df + excluded.df);
  WITH d AS (DELETE FROM corpus_stats_pending WHERE org_id = p_org RETURNING chunk_delta, term_delta)
  INSERT INTO corpus_stats (org_id, chunk_count, term_total)
    SELECT p_org, sum(chunk_delta), sum(term_delta) FROM d HAVING count(*) > 0
    ON CONFLICT (org_id) DO UPDATE SET chunk_count = greatest(0, corpus_stats.chunk_count + excluded.chunk_count),
      term_total = greatest(0, corpus_stats.term_total + excluded.term_total);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION chunks_apply_term_stats() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
DECLARE
  o uuid;
BEGIN
  IF current_setting('consailt.defer_term_stats', true) = 'on' THEN
    -- Deferred: append this statement's net deltas; the writer folds them after commit.
    IF TG_OP = 'INSERT' THEN
      INSERT INTO term_stats_pending (org_id, lexemes, deltas)
        SELECT org_id, array_agg(lexeme), array_agg(n) FROM (
          SELECT c.org_id, u.lexeme, count(*)::integer AS n FROM new_rows c, unnest(c.tsv) u GROUP BY c.org_id, u.lexeme
        ) x GROUP BY org_id;
      INSERT INTO corpus_stats_pending (org_id, chunk_delta, term_delta)
        SELECT org_id, count(*), coalesce(sum(term_count), 0) FROM new_rows GROUP BY org_id;
    ELSIF TG_OP = 'DELETE' THEN
      INSERT INTO term_stats_pending (org_id, lexemes, deltas)
        SELECT org_id, array_agg(lexeme), array_agg(n) FROM (
          SELECT c.org_id, u.lexeme, -count(*)::integer AS n FROM old_rows c, unnest(c.tsv) u GROUP BY c.org_id, u.lexeme
        ) x GROUP BY org_id;
      INSERT INTO corpus_stats_pending (org_id, chunk_delta, term_delta)
        SELECT org_id, -count(*), -coalesce(sum(term_count), 0) FROM old_rows GROUP BY org_id;
    ELSE
      INSERT INTO term_stats_pending (org_id, lexemes, deltas)
        SELECT org_id, array_agg(lexeme), array_agg(n) FROM (
          SELECT org_id, lexeme, sum(n)::integer AS n FROM (
            SELECT c.org_id, u.lexeme, 1 AS n FROM new_rows c, unnest(c.tsv) u
            UNION ALL
            SELECT c.org_id, u.lexeme, -1 FROM old_rows c, unnest(c.tsv) u
          ) y GROUP BY org_id, lexeme HAVING sum(n) <> 0
        ) x GROUP BY org_id;
      INSERT INTO corpus_stats_pending (org_id, chunk_delta, term_delta)
        SELECT org_id, sum(n), sum(len) FROM (
          SELECT org_id, 1 AS n, term_count AS len FROM new_rows
          UNION ALL
          SELECT org_id, -1, -term_count FROM old_rows
        ) x GROUP BY org_id HAVING sum(n) <> 0 OR sum(len) <> 0;
    END IF;
    RETURN NULL;
  END IF;

  -- Inline (every other writer): lock the organizations in order, fold what bulk writers left
  -- pending, then apply this statement's change directly, as before.
  IF TG_OP = 'INSERT' THEN
    FOR o IN SELECT DISTINCT org_id FROM new_rows ORDER BY 1 LOOP
      PERFORM fold_term_stats(o);
    END LOOP;
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
    FOR o IN SELECT DISTINCT org_id FROM old_rows ORDER BY 1 LOOP
      PERFORM pg_advisory_xact_lock(hashtextextended('consailt-term-stats:' || o::text, 0));
      -- The organization itself may be going (cascade): then there is nothing to fold into.
      IF EXISTS (SELECT 1 FROM organizations WHERE id = o) THEN
        PERFORM fold_term_stats(o);
      END IF;
    END LOOP;
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
    FOR o IN SELECT org_id FROM new_rows UNION SELECT org_id FROM old_rows ORDER BY 1 LOOP
      PERFORM fold_term_stats(o);
    END LOOP;
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
