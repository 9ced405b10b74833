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
  return daysOf(from, to).map((day) => {
    const row = known.get(day);
    return {
      day,
      costMicroUsd: row?.costMicroUsd ?? 0,
      calls: row?.calls ?? 0,
      tokens: (row?.inputTokens ?? 0) + (row?.outputTokens ?? 0),
    };
  });
}

/** Every UTC day (YYYY-MM-DD) of a window, so per-day series can be filled with zeros. */
export function daysOf(from: Date, to: Date): string[] {
  const days: string[] = [];
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  for (let t = start; t < to.getTime(); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** A share as a whole percent ("33%"), or an em dash when there is nothing to divide by. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

export type GrowthGroup = {
  id: string | null;
  name: string | null;
  before: number;
  added: number;
  total: number;
};
export type GrowthSeries = { key: string; label: string; color: string };

const SERIES_COLORS = [
  'var(--chart-1)',
  'var(--chart-2)',
  'var(--chart-3)',
  'var(--chart-4)',
  'var(--chart-5)',
];
const OTHER = '__other';

/**
 * Cumulative totals per UTC day for the largest groups (at most five, the rest folded into "Other"),
 * starting from what each group held before the window: the shape of a stacked area chart.
 */
export function cumulativeGrowth(
  groups: readonly GrowthGroup[],
  byDay: readonly { day: string; id: string | null; added: number }[],
  days: readonly string[],
  noneLabel: string,
): { series: GrowthSeries[]; points: Record<string, number | string>[] } {
  const keyOf = (id: string | null) => id ?? 'none';
  const top = [...groups].sort((a, b) => b.total - a.total).slice(0, groups.length > 5 ? 4 : 5);
  const topKeys = new Set(top.map((g) => keyOf(g.id)));
  const series: GrowthSeries[] = top.map((g, i) => ({
    key: keyOf(g.id),
    label: g.name ?? noneLabel,
    color: SERIES_COLORS[i % SERIES_COLORS.length] ?? 'var(--chart-1)',
  }));
  if (groups.length > top.length)
    series.push({ key: OTHER, label: 'Other', color: 'var(--muted-foreground)' });
  const bucket = (id: string | null) => (topKeys.has(keyOf(id)) ? keyOf(id) : OTHER);
  const running = new Map<string, number>(series.map((s) => [s.key, 0]));
  for (const g of groups) running.set(bucket(g.id), (running.get(bucket(g.id)) ?? 0) + g.before);
  const addedOn = new Map<string, number>();
  for (const row of byDay) {
    const k = `${row.day}|${bucket(row.id)}`;
    addedOn.set(k, (addedOn.get(k) ?? 0) + row.added);
  }
  const points = days.map((day) => {
    const point: Record<string, number | string> = { day };
    for (const s of series) {
      const next = (running.get(s.key) ?? 0) + (addedOn.get(`${day}|${s.key}`) ?? 0);
      running.set(s.key, next);
      point[s.key] = next;
    }
    return point;
  });
  return { series, points };
}
