'use client';

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@consailt/ui';
import { useState } from 'react';
import type { DayPoint } from '@/lib/analytics';
import { formatCompact, formatNumber, formatUsd, formatUsdAxis } from '@/lib/format';
import { ChartCard } from './chart-card';
import { ChartTooltip, DAY_AXIS, EmptyTableRow, NumberCell, PLAIN_AXIS, ToggleGroup } from './chart-parts';
import { LazyChart } from './lazy-chart';

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
      <LazyChart
        height={260}
        render={(R) => (
          <R.BarChart
            responsive
            data={points}
            style={{ width: '100%', height: 260 }}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
            accessibilityLayer
            title={`${current.label} by day`}
          >
            <R.CartesianGrid vertical={false} stroke="var(--border)" />
            <R.XAxis {...DAY_AXIS} />
            <R.YAxis
              width={72}
              domain={[0, (dataMax: number) => Math.max(dataMax, current.floor)]}
              tickFormatter={current.axis}
              allowDecimals={metric === 'costMicroUsd'}
              {...PLAIN_AXIS}
            />
            <R.Tooltip
              cursor={{ fill: 'var(--muted)' }}
              content={(props) => <ChartTooltip {...props} format={current.format} />}
            />
            <R.Bar
              dataKey={metric}
              name={current.label}
              fill="var(--chart-2)"
              radius={[3, 3, 0, 0]}
              maxBarSize={28}
            />
          </R.BarChart>
        )}
      />
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
          <EmptyTableRow colSpan={4}>No calls in this period.</EmptyTableRow>
        ) : (
          active.map((point) => (
            <TableRow key={point.day}>
              <TableCell className="pl-6 tabular-nums">{point.day}</TableCell>
              <NumberCell>{point.calls}</NumberCell>
              <NumberCell>{point.tokens}</NumberCell>
              <NumberCell last>{formatUsd(point.costMicroUsd)}</NumberCell>
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
      toolbar={<ToggleGroup label="Metric" options={METRICS} value={metric} onChange={setMetric} />}
      testId="spend-by-day"
    />
  );
}
