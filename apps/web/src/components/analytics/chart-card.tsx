'use client';

import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { ChartColumnIcon, TableIcon } from 'lucide-react';
import { type ReactNode, useState } from 'react';

/**
 * A card whose visual can be swapped for a table of the same numbers: for screen-reader users, for
 * exact values, and for copying. Both views are rendered by the caller; only the visible one mounts.
 */
export function ChartCard({
  title,
  description,
  chart,
  table,
  toolbar,
  testId,
}: {
  title: string;
  description?: ReactNode;
  chart: ReactNode;
  table: ReactNode;
  toolbar?: ReactNode;
  testId?: string;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  return (
    <Card className="gap-4" data-testid={testId}>
      <CardHeader className="grid-cols-1 gap-3 sm:grid-cols-[1fr_auto]">
        <div className="grid gap-1.5">
          <CardTitle>{title}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        <div className="flex flex-wrap items-center gap-2 sm:col-start-2 sm:row-start-1 sm:justify-end">
          {view === 'chart' ? toolbar : null}
          {/* A two-state toggle rather than tabs: only the visible view is mounted, so there is no
              tab panel for the other one to point at. */}
          <fieldset aria-label={`${title}: view as`} className="flex min-w-0 rounded-lg bg-muted p-[3px]">
            <Button
              type="button"
              size="sm"
              variant={view === 'chart' ? 'secondary' : 'ghost'}
              aria-pressed={view === 'chart'}
              className={`h-7 ${view === 'chart' ? 'bg-background shadow-sm' : ''}`}
              onClick={() => setView('chart')}
            >
              <ChartColumnIcon aria-hidden />
              Chart
            </Button>
            <Button
              type="button"
              size="sm"
              variant={view === 'table' ? 'secondary' : 'ghost'}
              aria-pressed={view === 'table'}
              className={`h-7 ${view === 'table' ? 'bg-background shadow-sm' : ''}`}
              onClick={() => setView('table')}
            >
              <TableIcon aria-hidden />
              Table
            </Button>
          </fieldset>
        </div>
      </CardHeader>
      <CardContent className={view === 'table' ? 'px-0' : undefined}>
        {view === 'chart' ? chart : table}
      </CardContent>
    </Card>
  );
}
