'use client';

import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@consailt/ui';
import { humanize } from '@/lib/format';
import type { RouterOutputs } from '@/trpc/react';
import { ChartCard } from './chart-card';
import { ChartTooltip, NumberCell, PLAIN_AXIS } from './chart-parts';
import { LazyChart } from './lazy-chart';

type ActivityData = RouterOutputs['analytics']['memberActivity'];
const ROW_HEIGHT = 36;

/** Per-member activity (admins only): entries, searches and questions, as stacked bars or a table. */
export function MemberActivity({ data }: { data: ActivityData }) {
  const rows = data.members.map((m) => ({ ...m, label: m.name || m.email }));
  // Only the plotted fields: recharts writes a data row's keys onto its bar element, and a member's
  // `role` would become an (invalid) ARIA role there.
  const bars = rows.map(({ label, entriesCreated, searches, asks }) => ({
    label,
    entriesCreated,
    searches,
    asks,
  }));
  const chart = (
    <figure className="m-0">
      <LazyChart
        height={Math.max(120, bars.length * ROW_HEIGHT + 60)}
        render={(R) => (
          <R.BarChart
            responsive
            layout="vertical"
            data={bars}
            style={{ width: '100%', height: Math.max(120, bars.length * ROW_HEIGHT + 60) }}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
            accessibilityLayer
            title="Activity per member"
          >
            <R.CartesianGrid horizontal={false} stroke="var(--border)" />
            <R.XAxis type="number" allowDecimals={false} {...PLAIN_AXIS} />
            <R.YAxis type="category" dataKey="label" width={110} {...PLAIN_AXIS} />
            <R.Tooltip cursor={{ fill: 'var(--muted)' }} content={(props) => <ChartTooltip {...props} />} />
            <R.Legend wrapperStyle={{ fontSize: 12 }} />
            <R.Bar
              dataKey="entriesCreated"
              name="Entries"
              stackId="a"
              fill="var(--chart-1)"
              maxBarSize={20}
            />
            <R.Bar dataKey="searches" name="Searches" stackId="a" fill="var(--chart-2)" maxBarSize={20} />
            <R.Bar dataKey="asks" name="Questions" stackId="a" fill="var(--chart-3)" maxBarSize={20} />
          </R.BarChart>
        )}
      />
      <figcaption className="mt-2 text-muted-foreground text-xs">
        Entries created, searches run and questions asked per member in this period.
      </figcaption>
    </figure>
  );
  const table = (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead className="pl-6">Member</TableHead>
          <TableHead>Role</TableHead>
          <TableHead className="text-right">Entries</TableHead>
          <TableHead className="text-right">Searches</TableHead>
          <TableHead className="pr-6 text-right">Questions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((m) => (
          <TableRow key={m.userId}>
            <TableCell className="pl-6">
              <div className="font-medium">{m.label}</div>
              <div className="text-muted-foreground text-xs">{m.email}</div>
            </TableCell>
            <TableCell>{humanize(m.role)}</TableCell>
            <NumberCell>{m.entriesCreated}</NumberCell>
            <NumberCell>{m.searches}</NumberCell>
            <NumberCell last>{m.asks}</NumberCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
  return (
    <ChartCard
      title="Activity per member"
      description="Visible to admins and owners only."
      chart={chart}
      table={table}
      testId="member-activity"
    />
  );
}
