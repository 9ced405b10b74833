'use client';

import {
  Card,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
  Tabs,
  TabsList,
  TabsTrigger,
} from '@consailt/ui';
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
          <Tabs value={view} onValueChange={(value) => setView(value === 'table' ? 'table' : 'chart')}>
            <TabsList aria-label={`${title}: view as`}>
              <TabsTrigger value="chart">
                <ChartColumnIcon aria-hidden />
                Chart
              </TabsTrigger>
              <TabsTrigger value="table">
                <TableIcon aria-hidden />
                Table
              </TabsTrigger>
            </TabsList>
          </Tabs>
        </div>
      </CardHeader>
      <CardContent className={view === 'table' ? 'px-0' : undefined}>
        {view === 'chart' ? chart : table}
      </CardContent>
    </Card>
  );
}
