import type postgres from 'postgres';

/**
 * Statements with more parameters than this (multi-row inserts, long `in` lists) stay unnamed: their
 * parse cost is spread over many rows, and each distinct row count would be one more statement kept
 * on every connection.
 */
const MAX_PREPARED_PARAMETERS = 64;

type UnsafeOptions = Parameters<postgres.Sql['unsafe']>[2];

/**
 * Options for `unsafe` that make a parameterized query a named prepared statement. Drizzle sends
 * every query unnamed, and postgres.js then needs two round trips for it (Parse/Describe to learn
 * the parameter types, then Bind/Execute) and PostgreSQL parses and plans it each time; a named
 * statement is described once per connection, then runs in one round trip on a cached plan. Plans
 * stay correct under row-level security (PostgreSQL re-plans when the role changes) and after
 * migrations (postgres.js re-prepares when a cached plan is invalidated); connections are recycled
 * by postgres.js (`max_lifetime`), which bounds each one's statement cache.
 */
export function preparedOptions(
  params: readonly unknown[] | undefined,
  options?: UnsafeOptions,
): UnsafeOptions {
  const count = params?.length ?? 0;
  if (count === 0 || count > MAX_PREPARED_PARAMETERS) return options;
  return { ...options, prepare: true };
}

type Beginable = postgres.Sql | postgres.TransactionSql;

const PREPARING = Symbol('consailt.preparedStatements');

/** Whether `client` came from `withPreparedStatements` (code that reserves connections follows it). */
export function isPreparing(client: unknown): boolean {
  return (client as { [PREPARING]?: boolean } | null)?.[PREPARING] === true;
}

/**
 * The postgres.js client as drizzle should see it: `unsafe` (drizzle's only query path) prepares
 * parameterized statements, and the transactions and savepoints it opens hand out clients that do
 * the same.
 */
export function withPreparedStatements<T extends Beginable>(client: T): T {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === PREPARING) return true;
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: UnsafeOptions) =>
          target.unsafe(query, params as never, preparedOptions(params, options));
      }
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const fn = args.at(-1) as (tx: postgres.TransactionSql) => unknown;
          const open = Reflect.get(target, prop, receiver) as (...a: unknown[]) => unknown;
          return open.apply(target, [
            ...args.slice(0, -1),
            (tx: postgres.TransactionSql) => fn(withPreparedStatements(tx)),
          ]);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
