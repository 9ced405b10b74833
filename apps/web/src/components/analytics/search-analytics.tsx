'use client';

import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@consailt/ui';
import Link from 'next/link';
import { daysOf, formatRate } from '@/lib/analytics';
import { formatDate, formatNumber } from '@/lib/format';
import type { RouterOutputs } from '@/trpc/react';
import { ChartCard } from './chart-card';
import { ChartTooltip, DAY_AXIS, EmptyTableRow, NumberCell, PLAIN_AXIS } from './chart-parts';
import { LazyChart } from './lazy-chart';

type SearchAnalyticsData = RouterOutputs['analytics']['search'];

function SearchesByDay({ data }: { data: SearchAnalyticsData }) {
  const known = new Map(data.byDay.map((row) => [row.day, row]));
  const points = daysOf(data.from, data.to).map((day) => {
    const row = known.get(day);
    return { day, found: (row?.searches ?? 0) - (row?.noResults ?? 0), noResults: row?.noResults ?? 0 };
  });
  const chart = (
    <figure className="m-0">
      <LazyChart
        height={240}
        render={(R) => (
          <R.BarChart
            responsive
            data={points}
            style={{ width: '100%', height: 240 }}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
            accessibilityLayer
            title="Searches by day"
          >
            <R.CartesianGrid vertical={false} stroke="var(--border)" />
            <R.XAxis {...DAY_AXIS} />
            <R.YAxis
              width={40}
              allowDecimals={false}
              domain={[0, (max: number) => Math.max(max, 4)]}
              {...PLAIN_AXIS}
            />
            <R.Tooltip cursor={{ fill: 'var(--muted)' }} content={(props) => <ChartTooltip {...props} />} />
            <R.Legend wrapperStyle={{ fontSize: 12, color: 'var(--muted-foreground)' }} />
            <R.Bar dataKey="found" name="With results" stackId="s" fill="var(--chart-2)" maxBarSize={28} />
            <R.Bar
              dataKey="noResults"
              name="No results"
              stackId="s"
              fill="var(--destructive)"
              radius={[3, 3, 0, 0]}
              maxBarSize={28}
            />
          </R.BarChart>
        )}
      />
      <figcaption className="mt-2 text-muted-foreground text-xs">
        Searches per UTC day, split by whether they found anything. Switch to the table for exact values.
      </figcaption>
    </figure>
  );
  const table = (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead className="pl-6">Day (UTC)</TableHead>
          <TableHead className="text-right">Searches</TableHead>
          <TableHead className="text-right">No results</TableHead>
          <TableHead className="pr-6 text-right">Clicked</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {data.byDay.length === 0 ? (
          <EmptyTableRow colSpan={4}>No searches in this period.</EmptyTableRow>
        ) : (
          data.byDay.map((row) => (
            <TableRow key={row.day}>
              <TableCell className="pl-6 tabular-nums">{row.day}</TableCell>
              <NumberCell>{row.searches}</NumberCell>
              <NumberCell>{row.noResults}</NumberCell>
              <NumberCell last>{row.clicks}</NumberCell>
            </TableRow>
          ))
        )}
      </TableBody>
    </Table>
  );
  return (
    <ChartCard
      title="Searches by day"
      description="Days without searches show as gaps (and are left out of the table)."
      chart={chart}
      table={table}
      testId="searches-by-day"
    />
  );
}

/** A query, cut to fit with the full text on hover (queries can be long). */
function QueryCell({ query }: { query: string }) {
  return (
    <TableCell className="max-w-48 truncate pl-6 font-medium" title={query}>
      {query}
    </TableCell>
  );
}

function QueryTable({
  title,
  description,
  testId,
  children,
}: {
  title: string;
  description: string;
  testId: string;
  children: React.ReactNode;
}) {
  return (
    <Card className="gap-4" data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent className="px-0">
        <Table>{children}</Table>
      </CardContent>
    </Card>
  );
}

/** Search analytics: totals, searches per day (chart or table), top queries and queries that found nothing. */
export function SearchAnalytics({ data }: { data: SearchAnalyticsData }) {
  const { totals } = data;
  if (totals.searches === 0) {
    return (
      <Card className="items-center border-dashed py-10 text-center" data-testid="search-analytics-empty">
        <CardTitle className="text-base">No searches in this period</CardTitle>
        <CardDescription className="max-w-md px-6">
          Search analytics fill in as your team uses{' '}
          <Link href="/search" className="underline underline-offset-4">
            Search
          </Link>{' '}
          or the command palette (⌘K). Try a longer period above.
        </CardDescription>
      </Card>
    );
  }
  return (
    <div className="flex flex-col gap-6">
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {[
          ['Searches', formatNumber(totals.searches)],
          ['No results', formatNumber(totals.noResults)],
          ['Clicked a result', formatNumber(totals.clicks)],
          ['Click-through', formatRate(totals.clickThroughRate)],
        ].map(([label, value]) => (
          <Card key={label} className="gap-1 px-5 py-5">
            <dt className="text-muted-foreground text-sm">{label}</dt>
            <dd className="font-semibold text-2xl tabular-nums">{value}</dd>
          </Card>
        ))}
      </dl>
      <SearchesByDay data={data} />
      <div className="grid gap-6 xl:grid-cols-2">
        <QueryTable
          title="Top queries"
          description="Most frequent searches; click-through is the share of searches with results that led to a click."
          testId="top-queries"
        >
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Query</TableHead>
              <TableHead className="text-right">Searches</TableHead>
              <TableHead className="text-right">Avg results</TableHead>
              <TableHead className="pr-6 text-right">Click-through</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.topQueries.map((row) => (
              <TableRow key={row.query}>
                <QueryCell query={row.query} />
                <TableCell className="text-right tabular-nums">{formatNumber(row.searches)}</TableCell>
                <TableCell className="text-right tabular-nums">{row.avgResults}</TableCell>
                <TableCell className="pr-6 text-right tabular-nums">
                  {formatRate(row.clickThroughRate)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </QueryTable>
        <QueryTable
          title="Queries with no results"
          description="What people looked for and did not find: candidates for new entries."
          testId="no-result-queries"
        >
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">Query</TableHead>
              <TableHead className="text-right">Searches</TableHead>
              <TableHead className="pr-6 text-right">Last searched</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.noResultQueries.length === 0 ? (
              <EmptyTableRow colSpan={3}>Every search found something.</EmptyTableRow>
            ) : (
              data.noResultQueries.map((row) => (
                <TableRow key={row.query}>
                  <QueryCell query={row.query} />
                  <TableCell className="text-right tabular-nums">{formatNumber(row.searches)}</TableCell>
                  <TableCell className="pr-6 text-right tabular-nums">
                    {formatDate(row.lastSearchedAt)}
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </QueryTable>
      </div>
    </div>
  );
}
