import { sql } from 'drizzle-orm';
import { PostgresJsSession, PostgresJsTransaction } from 'drizzle-orm/postgres-js/session';
import type postgres from 'postgres';
import type { Database, Transaction } from './client';
import { isPreparing, preparedOptions } from './prepared';

/** The non-superuser role that org-scoped work runs as, so row-level security applies. */
export const APP_ROLE = 'consailt_app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Run `fn` in a transaction scoped to one organization: `app.org_id` is set for the row-level
 * security policies and the role switches to `consailt_app` (both transaction-local), so even a
 * query that forgets its `org_id` filter sees only this organization's rows.
 */
export async function withOrgContext<T>(
  db: Database,
  orgId: string,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const client = (db as unknown as { $client?: unknown }).$client;
  if (isPostgresJs(client) && UUID.test(orgId)) return withOrgContextPipelined(db, client, orgId, fn);
  return db.transaction(async (tx) => {
    // set_config('role', …) is SET LOCAL ROLE. The statement is queued, not awaited: queries on a
    // transaction's connection run in order, so `fn`'s first query is pipelined behind it and the
    // context costs no extra round trip. (Drizzle queries start when `then`/`catch` is attached.)
    const ready = tx.execute(
      sql`select set_config('app.org_id', ${orgId}, true), set_config('role', ${APP_ROLE}, true)`,
    );
    ready.catch(() => {});
    const result = await fn(tx);
    await ready;
    return result;
  });
}

function isPostgresJs(client: unknown): client is postgres.Sql {
  return typeof client === 'function' && typeof (client as { reserve?: unknown }).reserve === 'function';
}

/**
 * The same on postgres.js, one round trip shorter. Drizzle's `transaction` (postgres.js `begin`)
 * waits for `BEGIN` before running anything; here `BEGIN` and the org context travel as one
 * simple-protocol message on a reserved connection, `fn`'s first query is pipelined behind them, and a
 * procedure that makes no query sends its `COMMIT` in the same flight. The organization id is inlined
 * (simple queries take no parameters), which is why only a well-formed UUID takes this path. If the
 * context statement failed, the transaction is aborted and every later statement fails with it.
 */
async function withOrgContextPipelined<T>(
  db: Database,
  client: postgres.Sql,
  orgId: string,
  fn: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const reserved = await client.reserve();
  const prepare = isPreparing(client);
  let savepoints = 0;
  // The part of postgres.js's transaction-scoped `sql` that drizzle's session uses.
  type Scoped = {
    unsafe: (query: string, params?: unknown[], options?: object) => ReturnType<postgres.Sql['unsafe']>;
    savepoint: <R>(inner: (c: Scoped) => Promise<R>) => Promise<R>;
  };
  const scoped: Scoped = {
    unsafe: (query, params, options) =>
      reserved.unsafe(query, params as never, prepare ? preparedOptions(params, options as never) : options),
    savepoint: async (inner) => {
      const name = `s${++savepoints}`;
      await reserved.unsafe(`savepoint ${name}`);
      try {
        const result = await inner(scoped);
        await reserved.unsafe(`release savepoint ${name}`);
        return result;
      } catch (error) {
        await reserved.unsafe(`rollback to savepoint ${name}`);
        throw error;
      }
    },
  };
  // Drizzle's own postgres.js transaction classes over that connection, as its `transaction` builds them.
  const internals = db as unknown as {
    dialect: ConstructorParameters<typeof PostgresJsSession>[1];
    session: { schema: ConstructorParameters<typeof PostgresJsSession>[2]; options: object };
  };
  const session = new PostgresJsSession(
    scoped as never,
    internals.dialect,
    internals.session.schema,
    internals.session.options,
  );
  const tx = new PostgresJsTransaction(
    internals.dialect,
    session,
    internals.session.schema,
  ) as unknown as Transaction;

  const begun = reserved.unsafe(
    `begin; select set_config('app.org_id', '${orgId}', true), set_config('role', '${APP_ROLE}', true)`,
  );
  begun.catch(() => {});
  try {
    const result = await fn(tx);
    await Promise.all([begun, reserved.unsafe('commit')]);
    return result;
  } catch (error) {
    await reserved.unsafe('rollback').catch(() => {});
    throw error;
  } finally {
    reserved.release();
  }
}
