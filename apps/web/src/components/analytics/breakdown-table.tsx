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
import { formatNumber, formatUsd } from '@/lib/format';

export type BreakdownRow = {
  key: string;
  label: string;
  sublabel?: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  costMicroUsd: number;
};

/** Calls, tokens and cost per model / task / person, with each row's share of the period's cost. */
export function BreakdownTable({
  title,
  description,
  column,
  rows,
  totalCostMicroUsd,
  testId,
}: {
  title: string;
  description?: string;
  column: string;
  rows: BreakdownRow[];
  totalCostMicroUsd: number;
  testId?: string;
}) {
  return (
    <Card className="gap-4" data-testid={testId}>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
        {description ? <CardDescription>{description}</CardDescription> : null}
      </CardHeader>
      <CardContent className="px-0">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="pl-6">{column}</TableHead>
              <TableHead className="text-right">Calls</TableHead>
              <TableHead className="hidden text-right sm:table-cell">Tokens in / out</TableHead>
              <TableHead className="pr-6 text-right sm:pr-2">Cost</TableHead>
              <TableHead className="hidden pr-6 sm:table-cell">Share</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.length === 0 ? (
              <TableRow>
                <TableCell colSpan={5} className="py-8 text-center text-muted-foreground">
                  Nothing in this period.
                </TableCell>
              </TableRow>
            ) : (
              rows.map((row) => {
                const share = totalCostMicroUsd > 0 ? row.costMicroUsd / totalCostMicroUsd : 0;
                return (
                  <TableRow key={row.key}>
                    <TableCell className="whitespace-normal pl-6">
                      <div className="flex flex-col">
                        <span className="font-medium">{row.label}</span>
                        {row.sublabel ? (
                          <span className="break-all font-mono text-muted-foreground text-xs">
                            {row.sublabel}
                          </span>
                        ) : null}
                      </div>
                    </TableCell>
                    <TableCell className="text-right tabular-nums">{formatNumber(row.calls)}</TableCell>
                    <TableCell className="hidden text-right text-muted-foreground tabular-nums sm:table-cell">
                      {formatNumber(row.inputTokens)} / {formatNumber(row.outputTokens)}
                    </TableCell>
                    <TableCell className="pr-6 text-right font-medium tabular-nums sm:pr-2">
                      {formatUsd(row.costMicroUsd)}
                    </TableCell>
                    <TableCell className="hidden pr-6 sm:table-cell">
                      <div className="flex min-w-24 items-center gap-2">
                        <div className="h-1.5 flex-1 overflow-hidden rounded-full bg-muted" aria-hidden>
                          <div
                            className="h-full rounded-full bg-chart-2"
                            style={{ width: `${share * 100}%` }}
                          />
                        </div>
                        <span className="w-10 text-right text-muted-foreground text-xs tabular-nums">
                          {Math.round(share * 100)}%
                        </span>
                      </div>
                    </TableCell>
                  </TableRow>
                );
              })
            )}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
