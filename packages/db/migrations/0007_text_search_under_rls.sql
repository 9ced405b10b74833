-- Under row-level security the planner may only use a condition inside an index scan when its
-- function is LEAKPROOF; `tsvector @@ tsquery` (ts_match_vq) is not marked so, which makes every
-- org-scoped full-text query read all of the organization's chunks instead of the GIN postings.
-- ts_match_vq only returns a boolean computed from its two arguments and raises no data-dependent
-- error, so marking it leakproof leaks nothing. It needs a superuser: where the migrating role is
-- not one, search stays correct, only slower (a notice says so).
DO $$
BEGIN
  ALTER FUNCTION ts_match_vq(tsvector, tsquery) LEAKPROOF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'ts_match_vq not marked LEAKPROOF (needs a superuser): full-text search under RLS will not use the GIN index';
END
$$;
