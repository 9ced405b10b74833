'use client';

import { cn, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@consailt/ui';
import { useState } from 'react';
import { cumulativeGrowth, daysOf } from '@/lib/analytics';
import { formatNumber } from '@/lib/format';
import type { RouterOutputs } from '@/trpc/react';
import { ChartCard } from './chart-card';
import { ChartTooltip, DAY_AXIS, EmptyTableRow, NumberCell, PLAIN_AXIS, ToggleGroup } from './chart-parts';
import { LazyChart } from './lazy-chart';

type GrowthData = RouterOutputs['analytics']['knowledgeGrowth'];
type Dimension = 'engagement' | 'category';
const DIMENSIONS: { value: Dimension; label: string; none: string }[] = [
  { value: 'engagement', label: 'Engagement', none: 'No engagement' },
  { value: 'category', label: 'Category', none: 'Uncategorized' },
];

/** Live entries over time per engagement or per category: a stacked area of running totals, or a table. */
export function KnowledgeGrowth({ data }: { data: GrowthData }) {
  const [dimension, setDimension] = useState<Dimension>('engagement');
  const option = DIMENSIONS.find((d) => d.value === dimension) ?? DIMENSIONS[0]!;
  const growth = dimension === 'engagement' ? data.byEngagement : data.byCategory;
  const { series, points } = cumulativeGrowth(
    growth.groups,
    growth.byDay,
    daysOf(data.from, data.to),
    option.none,
  );
  const added = growth.groups.reduce((sum, g) => sum + g.added, 0);

  const chart =
    growth.groups.length === 0 ? (
      <p className="py-8 text-center text-muted-foreground text-sm">
        No knowledge yet. Capture a note on Home or create an entry under Knowledge to see it grow here.
      </p>
    ) : (
      <figure className="m-0">
        <LazyChart
          height={260}
          render={(R) => (
            <R.AreaChart
              responsive
              data={points}
              style={{ width: '100%', height: 260 }}
              margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              accessibilityLayer
              title={`Entries by ${option.label.toLowerCase()}`}
            >
              <R.CartesianGrid vertical={false} stroke="var(--border)" />
              <R.XAxis {...DAY_AXIS} />
              <R.YAxis width={40} allowDecimals={false} {...PLAIN_AXIS} />
              <R.Tooltip content={(props) => <ChartTooltip {...props} />} />
              <R.Legend wrapperStyle={{ fontSize: 12 }} />
              {series.map((s) => (
                <R.Area
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  stackId="total"
                  type="stepAfter"
                  stroke={s.color}
                  fill={s.color}
                  fillOpacity={0.35}
                  isAnimationActive={false}
                />
              ))}
            </R.AreaChart>
          )}
        />
        <figcaption className="mt-2 text-muted-foreground text-xs">
          Live entries per {option.label.toLowerCase()} at the end of each UTC day; {formatNumber(added)}{' '}
          added in this period. Switch to the table for exact values.
        </figcaption>
      </figure>
    );

  const table = (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead className="pl-6">{option.label}</TableHead>
          <TableHead className="text-right">Before</TableHead>
          <TableHead className="text-right">Added</TableHead>
          <TableHead className="pr-6 text-right">Total</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {growth.groups.length === 0 ? (
          <EmptyTableRow colSpan={4}>No entries yet.</EmptyTableRow>
        ) : (
          growth.groups.map((g) => (
            <TableRow key={g.id ?? 'none'}>
              <TableCell className={cn('pl-6 font-medium', g.name === null && 'text-muted-foreground')}>
                {g.name ?? option.none}
              </TableCell>
              <NumberCell>{g.before}</NumberCell>
              <NumberCell>{g.added}</NumberCell>
              <NumberCell last>{g.total}</NumberCell>
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );

  return (
    <ChartCard
      title="Knowledge growth"
      description="Entries you can see, excluding the trash. “Before” is what existed when the period began."
      chart={chart}
      table={table}
      toolbar={
        <ToggleGroup label="Group by" options={DIMENSIONS} value={dimension} onChange={setDimension} />
      }
      testId="knowledge-growth"
    />
  );
}
