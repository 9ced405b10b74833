import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle, Progress } from '@consailt/ui';
import Link from 'next/link';
import { formatNumber, formatUsd } from '@/lib/format';

/**
 * AI spend this month (UTC) against the organization's hard limit. Without a limit it shows the
 * spend alone and, for those who may set one, how to.
 */
export function SpendCard({
  spentMicroUsd,
  calls,
  hardLimitMicroUsd,
  canManageBudgets,
}: {
  spentMicroUsd: number;
  calls: number;
  hardLimitMicroUsd: number | null;
  canManageBudgets: boolean;
}) {
  const percent = hardLimitMicroUsd ? (spentMicroUsd / hardLimitMicroUsd) * 100 : null;
  return (
    <Card className="gap-3" data-testid="home-spend">
      <CardHeader>
        <CardTitle>AI spend this month</CardTitle>
        <CardDescription>
          {formatNumber(calls)} AI {calls === 1 ? 'call' : 'calls'} so far.{' '}
          <Link href="/analytics" className="underline underline-offset-4">
            Analytics
          </Link>
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-2">
        <p className="font-semibold text-2xl tabular-nums">
          {formatUsd(spentMicroUsd)}
          {hardLimitMicroUsd ? (
            <span className="font-normal text-muted-foreground text-sm">
              {' '}
              of {formatUsd(hardLimitMicroUsd)}
            </span>
          ) : null}
        </p>
        {percent !== null ? (
          <Progress
            value={percent}
            label="AI spend against the monthly budget"
            valueText={`${Math.round(percent)}% of the monthly budget`}
            className={percent >= 90 ? '[&>div]:bg-destructive' : undefined}
          />
        ) : canManageBudgets ? (
          <div className="flex flex-wrap items-center gap-2 text-muted-foreground text-sm">
            No monthly budget is set.
            <Button asChild size="sm" variant="outline">
              <Link href="/settings/budgets">Set a budget</Link>
            </Button>
          </div>
        ) : (
          <p className="text-muted-foreground text-sm">No monthly budget is set for your organization.</p>
        )}
      </CardContent>
    </Card>
  );
}
