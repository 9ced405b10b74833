'use client';

import { Button, Gauge, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@consailt/ui';
import Link from 'next/link';
import { formatUsd } from '@/lib/format';
import { ChartCard } from './chart-card';

export type BudgetLine = {
  key: string;
  label: string;
  spentMicroUsd: number;
  hardLimitMicroUsd: number;
  softLimitMicroUsd: number | null;
};

function percent(spent: number, limit: number): string {
  return limit > 0 ? `${Math.round((spent / limit) * 100)}%` : '—';
}

export function BudgetGauges({ period, lines }: { period: string; lines: BudgetLine[] }) {
  if (lines.length === 0) {
    return (
      <ChartCard
        title="Budgets"
        description={`No monthly limits are set for ${period}.`}
        chart={
          <div className="flex flex-col items-start gap-3 text-sm">
            <p className="text-muted-foreground">
              Set a hard limit so AI calls stop before spend runs past what you planned, and a soft limit to
              get an alert on the way.
            </p>
            <Button asChild size="sm" variant="outline">
              <Link href="/settings/budgets">Set a budget</Link>
            </Button>
          </div>
        }
        table={<p className="px-6 text-muted-foreground text-sm">No limits to list.</p>}
      />
    );
  }

  const chart = (
    <ul className="grid gap-6 sm:grid-cols-2 lg:grid-cols-3">
      {lines.map((line) => (
        <li key={line.key} className="flex flex-col items-center gap-1" data-testid="budget-gauge">
          <Gauge
            label={`${line.label}: spent of hard limit`}
            value={line.spentMicroUsd}
            max={line.hardLimitMicroUsd}
            marker={line.softLimitMicroUsd}
            markerLabel={
              line.softLimitMicroUsd !== null ? `Soft limit ${formatUsd(line.softLimitMicroUsd)}` : undefined
            }
            valueText={formatUsd(line.spentMicroUsd)}
            caption={`of ${formatUsd(line.hardLimitMicroUsd)}`}
          />
          <span className="font-medium text-sm">{line.label}</span>
          {line.softLimitMicroUsd !== null ? (
            <span className="text-muted-foreground text-xs">
              Soft limit (marker) {formatUsd(line.softLimitMicroUsd)}
            </span>
          ) : null}
        </li>
      ))}
    </ul>
  );

  const table = (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead className="pl-6">Budget</TableHead>
          <TableHead className="text-right">Spent</TableHead>
          <TableHead className="text-right">Soft limit</TableHead>
          <TableHead className="text-right">Hard limit</TableHead>
          <TableHead className="pr-6 text-right">Used</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {lines.map((line) => (
          <TableRow key={line.key}>
            <TableCell className="pl-6 font-medium">{line.label}</TableCell>
            <TableCell className="text-right tabular-nums">{formatUsd(line.spentMicroUsd)}</TableCell>
            <TableCell className="text-right tabular-nums">
              {line.softLimitMicroUsd === null ? '—' : formatUsd(line.softLimitMicroUsd)}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatUsd(line.hardLimitMicroUsd)}</TableCell>
            <TableCell className="pr-6 text-right tabular-nums">
              {percent(line.spentMicroUsd, line.hardLimitMicroUsd)}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );

  return (
    <ChartCard
      title="Budgets"
      description={`Spend in ${period} (UTC) against each monthly hard limit; the tick marks the soft limit.`}
      chart={chart}
      table={table}
      testId="budgets"
    />
  );
}
