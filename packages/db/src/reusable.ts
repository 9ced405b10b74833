import * as drizzle from 'drizzle-orm';
import type { PgSession } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

/**
 * The parts of drizzle that running a select needs. They are `@internal` (exported at run time,
 * left out of the type declarations); `reusable.int.test.ts` fails if they change.
 */
type SelectedField = unknown;
const { orderSelectedFields } = drizzle as unknown as {
  orderSelectedFields: (fields: Record<string, unknown>) => SelectedField[];
};

type SelectInternals = {
  config: { fields: Record<string, unknown> };
  joinsNotNullableMap: Record<string, boolean>;
  toSQL(): { sql: string; params: unknown[] };
};

type Runnable<Row> = {
  joinsNotNullableMap: Record<string, boolean>;
  execute(values: Record<string, unknown>): Promise<Row[]>;
};

/**
 * A select whose SQL is built once and then run on any database or transaction, with the values
 * of its `sql.placeholder(...)`s given per call. Drizzle rebuilds a query's SQL text from its
 * builder objects on every execution; for the hottest reads (an API's `byId`) that costs more
 * server CPU than PostgreSQL spends on the statement. `build` must put every per-call value in a
 * placeholder: it runs once, on the first executor, and its SQL is reused for every call after.
 */
export function reusableSelect<Row>(
  build: (db: Executor) => PromiseLike<Row[]>,
): (executor: Executor, values: Record<string, unknown>) => Promise<Row[]> {
  let built: {
    query: { sql: string; params: unknown[] };
    fields: SelectedField[];
    joins: Record<string, boolean>;
  } | null = null;
  return (executor, values) => {
    if (!built) {
      const select = build(executor) as unknown as SelectInternals;
      built = {
        query: select.toSQL(),
        fields: orderSelectedFields(select.config.fields),
        joins: select.joinsNotNullableMap,
      };
    }
    // Drizzle's own prepared query for this executor's session (its connection or transaction),
    // exactly as the builder's `execute` makes one, minus the rebuilding.
    const session = (executor as unknown as { session: PgSession }).session;
    const prepared = session.prepareQuery(
      built.query as never,
      built.fields as never,
      undefined,
      true,
    ) as unknown as Runnable<Row>;
    prepared.joinsNotNullableMap = built.joins;
    return prepared.execute(values);
  };
}
