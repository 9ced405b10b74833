import { type AnyColumn, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';

const DAY_MS = 86_400_000;
/** A year and a day: enough for "last 12 months", small enough that a per-day series stays cheap. */
export const MAX_ANALYTICS_DAYS = 366;
const DEFAULT_DAYS = 30;

/**
 * A time window for analytics (default: the last 30 UTC days up to now). Bad windows are refused by
 * validation, so the caller gets BAD_REQUEST with a message naming the field.
 */
export const ZAnalyticsRangeInput = z
  .object({ from: z.date().optional(), to: z.date().optional() })
  .default({})
  .transform((v) => {
    const now = Date.now();
    const to = v.to ?? new Date(now + 1000);
    const today = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
    const from = v.from ?? new Date(today - (DEFAULT_DAYS - 1) * DAY_MS);
    return { from, to };
  })
  .superRefine(({ from, to }, ctx) => {
    if (from >= to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'from must be before to' });
    else if (to.getTime() - from.getTime() > MAX_ANALYTICS_DAYS * DAY_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `The window is at most ${MAX_ANALYTICS_DAYS} days`,
      });
  });
export type AnalyticsRange = z.output<typeof ZAnalyticsRangeInput>;
export type AnalyticsRangeInput = z.input<typeof ZAnalyticsRangeInput>;

/** The UTC day of a timestamp column as YYYY-MM-DD, for grouping. */
export const utcDay = (column: AnyColumn): SQL<string> =>
  sql<string>`to_char(date_trunc('day', ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;

/** `count(*) filter (where …)` as a JS number on both drivers. */
export const countWhere = (condition: SQL): SQL<number> =>
  sql<number>`(count(*) filter (where ${condition}))::int`;
