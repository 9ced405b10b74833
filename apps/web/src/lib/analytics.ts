const DAY_MS = 86_400_000;

export type UsageRange = 'month' | '30d' | '90d';
export const USAGE_RANGES: { value: UsageRange; label: string }[] = [
  { value: 'month', label: 'This month' },
  { value: '30d', label: 'Last 30 days' },
  { value: '90d', label: 'Last 90 days' },
];

export function parseRange(value: unknown): UsageRange {
  return value === '30d' || value === '90d' ? value : 'month';
}

/** The window for a range, in whole UTC days ending now (the API's own default is this month). */
export function rangeWindow(range: UsageRange, now: Date): { from: Date; to: Date } {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const to = new Date(now.getTime() + 1000);
  switch (range) {
    case 'month':
      return { from: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), to };
    case '30d':
      return { from: new Date(today - 29 * DAY_MS), to };
    case '90d':
      return { from: new Date(today - 89 * DAY_MS), to };
    default: {
      const unreachable: never = range;
      return unreachable;
    }
  }
}

export type DayPoint = { day: string; costMicroUsd: number; calls: number; tokens: number };

/**
 * One point per UTC day of the window, zeros where nothing ran, so the chart's time axis is even and a
 * quiet day shows as a gap rather than being skipped.
 */
export function fillDays(
  byDay: readonly {
    day: string;
    costMicroUsd: number;
    calls: number;
    inputTokens: number;
    outputTokens: number;
  }[],
  from: Date,
  to: Date,
): DayPoint[] {
  const known = new Map(byDay.map((row) => [row.day, row]));
  const points: DayPoint[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let t = start; t < to.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    const row = known.get(day);
    points.push({
      day,
      costMicroUsd: row?.costMicroUsd ?? 0,
      calls: row?.calls ?? 0,
      tokens: (row?.inputTokens ?? 0) + (row?.outputTokens ?? 0),
    });
  }
  return points;
}
