import { type Executor, withOrgContext } from '@consailt/db';
import { sql } from 'drizzle-orm';
import type { Deps } from '../types';

/**
 * Bulk chunk writers (entry indexing, news enrichment) defer their BM25 statistics: inside their
 * transaction the chunk triggers only append deltas to `term_stats_pending` (migration 0008), so
 * concurrent indexing jobs of one organization no longer queue behind one advisory lock. The
 * writer must call `foldTermStats` after its transaction commits.
 */
export async function deferTermStats(tx: Executor): Promise<void> {
  await tx.execute(sql`select set_config('consailt.defer_term_stats', 'on', true)`);
}

async function runFold(deps: Pick<Deps, 'db'>, orgId: string): Promise<void> {
  await withOrgContext(deps.db, orgId, (tx) => tx.execute(sql`select fold_term_stats(${orgId}::uuid)`));
}

type FoldState = { running: Promise<void>; next: Promise<void> | null };
/** Folds in flight per database handle and organization, in this process. */
const folds = new WeakMap<object, Map<string, FoldState>>();

/**
 * Folds the organization's committed pending deltas into `term_stats`/`corpus_stats` in one short
 * transaction under the organization's lock; deltas of concurrent writers are folded together.
 * Cheap when nothing is pending, so callers fold unconditionally (which also picks up deltas a
 * worker killed between its commit and its fold left behind).
 *
 * Within one process, callers coalesce: a caller never joins a fold that is already running (it may
 * have read the pending rows before the caller committed) but joins the one queued behind it, which
 * starts after the running one ends and so sees the caller's rows. At most two folds per
 * organization are in flight per process instead of one per job waiting on the lock.
 */
export function foldTermStats(deps: Pick<Deps, 'db'>, orgId: string): Promise<void> {
  let perDb = folds.get(deps.db);
  if (!perDb) {
    perDb = new Map();
    folds.set(deps.db, perDb);
  }
  const byOrg = perDb;
  const start = (): Promise<void> => {
    const run: Promise<void> = runFold(deps, orgId).finally(() => {
      const state = byOrg.get(orgId);
      if (state && state.running === run && !state.next) byOrg.delete(orgId);
    });
    return run;
  };
  const state = byOrg.get(orgId);
  if (!state) {
    const running = start();
    byOrg.set(orgId, { running, next: null });
    return running;
  }
  if (state.next) return state.next;
  const next = state.running
    .catch(() => {})
    .then(() => {
      state.next = null;
      state.running = start();
      return state.running;
    });
  state.next = next;
  return next;
}
