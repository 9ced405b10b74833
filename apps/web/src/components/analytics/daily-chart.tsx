'use client';

import { cn, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@consailt/ui';
import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Tooltip,
  type TooltipContentProps,
  type TooltipValueType,
  XAxis,
  YAxis,
} from 'recharts';
import type { DayPoint } from '@/lib/analytics';
import { formatCompact, formatNumber, formatUsd, formatUsdAxis } from '@/lib/format';
import { ChartCard } from './chart-card';

type Metric = 'costMicroUsd' | 'calls' | 'tokens';
type MetricOption = {
  value: Metric;
  label: string;
  format: (n: number) => string;
  axis: (n: number) => string;
  /** Smallest top of the y axis, so an all-zero (or tiny) series does not stretch into nonsense ticks. */
  floor: number;
};
const METRICS: MetricOption[] = [
  { value: 'costMicroUsd', label: 'Cost', format: formatUsd, axis: formatUsdAxis, floor: 10_000 },
  { value: 'calls', label: 'Calls', format: formatNumber, axis: formatCompact, floor: 4 },
  { value: 'tokens', label: 'Tokens', format: formatNumber, axis: formatCompact, floor: 100 },
];

const dayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });
const formatDay = (day: string) => dayLabel.format(new Date(`${day}T00:00:00Z`));

function MetricToggle({ metric, onChange }: { metric: Metric; onChange: (metric: Metric) => void }) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: a toolbar of toggle buttons, not a form field set.
    <div role="group" aria-label="Metric" className="inline-flex rounded-md border p-0.5">
      {METRICS.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={metric === option.value}
          onClick={() => onChange(option.value)}
          className={cn(
            'rounded-sm px-2.5 py-1 font-medium text-xs outline-none transition-colors focus-visible:ring-[3px] focus-visible:ring-ring/50',
            metric === option.value
              ? 'bg-primary text-primary-foreground'
              : 'text-muted-foreground hover:text-foreground',
          )}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

function ChartTooltip({
  active,
  payload,
  label,
  format,
}: TooltipContentProps<TooltipValueType, string | number> & { format: (n: number) => string }) {
  const value = payload?.[0]?.value;
  if (!active || typeof value !== 'number') return null;
  return (
    <div className="rounded-md border bg-popover px-3 py-2 text-popover-foreground text-xs shadow-md">
      <div className="font-medium">{typeof label === 'string' ? formatDay(label) : label}</div>
      <div className="tabular-nums">{format(value)}</div>
    </div>
  );
}

export function DailyChart({ points }: { points: DayPoint[] }) {
  // Free (local) models cost nothing; then calls are the more telling default.
  const [metric, setMetric] = useState<Metric>(() =>
    points.some((point) => point.costMicroUsd > 0) ? 'costMicroUsd' : 'calls',
  );
  const current = METRICS.find((option) => option.value === metric) ?? METRICS[0]!;
  const active = points.filter((point) => point.calls > 0);
  const total = points.reduce((sum, point) => sum + point[metric], 0);

  const chart = (
    <figure className="m-0">
      <BarChart
        responsive
        data={points}
        style={{ width: '100%', height: 260 }}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
        accessibilityLayer
        title={`${current.label} by day`}
      >
        <CartesianGrid vertical={false} stroke="var(--border)" />
        <XAxis
          dataKey="day"
          tickFormatter={formatDay}
          tickLine={false}
          axisLine={false}
          minTickGap={16}
          tick={{ fill: 'var(--muted-foreground)', fontSize: 12 }}
        />
        <YAxis
          width={72}
          domain={[0, (dataMax: number) => Math.max(dataMax, current.floor)]}
          tickFormatter={current.axis}
          tickLine={false}
          axisLine={false}
          allowDecimals={metric === 'costMicroUsd'}
          tick={{ fill: 'var(--muted-foreground)', fontSize: 12 }}
        />
        <Tooltip
          cursor={{ fill: 'var(--muted)' }}
          content={(props) => <ChartTooltip {...props} format={current.format} />}
        />
        <Bar
          dataKey={metric}
          name={current.label}
          fill="var(--chart-2)"
          radius={[3, 3, 0, 0]}
          maxBarSize={28}
        />
      </BarChart>
      <figcaption className="mt-2 text-muted-foreground text-xs">
        {current.label} per UTC day; total {current.format(total)}. Switch to the table for exact values.
      </figcaption>
    </figure>
  );

  const table = (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead className="pl-6">Day (UTC)</TableHead>
          <TableHead className="text-right">Calls</TableHead>
          <TableHead className="text-right">Tokens</TableHead>
          <TableHead className="pr-6 text-right">Cost</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {active.length === 0 ? (
          <TableRow>
            <TableCell colSpan={4} className="py-8 text-center text-muted-foreground">
              No calls in this period.
            </TableCell>
          </TableRow>
        ) : (
          active.map((point) => (
            <TableRow key={point.day}>
              <TableCell className="pl-6 tabular-nums">{point.day}</TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(point.calls)}</TableCell>
              <TableCell className="text-right tabular-nums">{formatNumber(point.tokens)}</TableCell>
              <TableCell className="pr-6 text-right tabular-nums">{formatUsd(point.costMicroUsd)}</TableCell>
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );

  return (
    <ChartCard
      title="Spend by day"
      description={
        active.length < points.length
          ? 'Days without calls show as gaps (and are left out of the table).'
          : undefined
      }
      chart={chart}
      table={table}
      toolbar={<MetricToggle metric={metric} onChange={setMetric} />}
      testId="spend-by-day"
    />
  );
}
