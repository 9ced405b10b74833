import { Card, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { ChartColumnIcon, LockIcon } from 'lucide-react';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { type BreakdownRow, BreakdownTable } from '@/components/analytics/breakdown-table';
import { BudgetGauges, type BudgetLine } from '@/components/analytics/budget-gauges';
import { DailyChart } from '@/components/analytics/daily-chart';
import { KnowledgeGrowth } from '@/components/analytics/knowledge-growth';
import { MemberActivity } from '@/components/analytics/member-activity';
import { RangePicker } from '@/components/analytics/range-picker';
import { SearchAnalytics } from '@/components/analytics/search-analytics';
import { PageHeader } from '@/components/page-header';
import { fillDays, parseRange, rangeWindow, USAGE_RANGES } from '@/lib/analytics';
import { formatCompact, formatNumber, formatUsd, humanize } from '@/lib/format';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Analytics' };

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Card className="gap-1 py-5">
      <CardHeader className="gap-1 px-5">
        <CardDescription>{label}</CardDescription>
        <CardTitle className="text-2xl tabular-nums">{value}</CardTitle>
        {detail ? <p className="text-muted-foreground text-xs">{detail}</p> : null}
      </CardHeader>
    </Card>
  );
}

/** A titled part of the page: Search, Knowledge, People. */
function Section({
  id,
  title,
  testId,
  children,
}: {
  id: string;
  title: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-heading`} className="flex flex-col gap-4" data-testid={testId}>
      <h2 id={`${id}-heading`} className="mt-4 font-semibold text-lg">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** The exact count under a compacted one ("1.2M"), only when they differ. */
function exactIfCompacted(value: number): string | undefined {
  return formatCompact(value) === formatNumber(value) ? undefined : formatNumber(value);
}

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<{ range?: string }> }) {
  const session = await requireSession();
  const range = parseRange((await searchParams).range);
  const header = (
    <PageHeader
      title="Analytics"
      description="What AI features cost against your budgets, how search is used, and how your knowledge grows."
      actions={roleCan(session.role, 'analytics:read') ? <RangePicker current={range} /> : undefined}
    />
  );

  if (!roleCan(session.role, 'analytics:read')) {
    return (
      <>
        {header}
        <Card className="border-dashed" data-testid="no-access">
          <CardHeader className="justify-items-start">
            <LockIcon className="mb-2 size-5 text-muted-foreground" aria-hidden />
            <CardTitle>Analytics are for members, admins and owners</CardTitle>
            <CardDescription>
              Viewing AI usage needs the <code className="font-mono">analytics:read</code> permission. Ask an
              admin to change your role if you need it.
            </CardDescription>
          </CardHeader>
        </Card>
      </>
    );
  }

  const caller = await serverCaller();
  const period = rangeWindow(range, new Date());
  const canBudgets = roleCan(session.role, 'budgets:manage');
  // Per-member activity is about people: the audit scope (admins and owners) gates it, here and in the API.
  const canSeeMembers = roleCan(session.role, 'audit:read');
  const [usage, budgets, models, search, growth, activity] = await Promise.all([
    caller.ai.usage(period),
    canBudgets ? caller.budgets.get() : Promise.resolve(null),
    roleCan(session.role, 'ai:use') ? caller.ai.models() : Promise.resolve(null),
    caller.analytics.search(period),
    caller.analytics.knowledgeGrowth(period),
    canSeeMembers ? caller.analytics.memberActivity(period) : Promise.resolve(null),
  ]);
  const modelNames = new Map(models?.catalog.map((model) => [model.id, model.name]) ?? []);
  const totals = usage.totals;
  const rangeLabel = USAGE_RANGES.find((r) => r.value === range)?.label ?? '';

  const byModel: BreakdownRow[] = usage.byModel.map((row) => ({
    key: row.modelId,
    label: modelNames.get(row.modelId) ?? row.modelId,
    sublabel: row.modelId,
    ...row,
  }));
  const byTask: BreakdownRow[] = usage.byTask.map((row) => ({
    key: row.task,
    label: humanize(row.task),
    ...row,
  }));
  const byUser: BreakdownRow[] = usage.byUser.map((row) => ({
    key: row.userId ?? 'none',
    // Calls without a user were made with API keys (or by background jobs).
    label: row.name ?? (row.userId ? 'Former member' : 'API keys and background jobs'),
    ...row,
  }));

  const budgetLines: BudgetLine[] = [];
  if (budgets?.org.hardLimitMicroUsd != null) {
    budgetLines.push({
      key: 'org',
      label: session.org?.name ?? 'Organization',
      spentMicroUsd: budgets.spentMicroUsd,
      hardLimitMicroUsd: budgets.org.hardLimitMicroUsd,
      softLimitMicroUsd: budgets.org.softLimitMicroUsd,
    });
  }
  for (const user of budgets?.users ?? []) {
    if (user.hardLimitMicroUsd === null) continue;
    budgetLines.push({
      key: user.userId,
      label: user.name || user.email,
      spentMicroUsd: user.spentMicroUsd,
      hardLimitMicroUsd: user.hardLimitMicroUsd,
      softLimitMicroUsd: null,
    });
  }

  return (
    <>
      {header}
      <div className="flex flex-col gap-6">
        <h2 className="font-semibold text-lg">AI spend</h2>
        <section
          aria-label={`Totals, ${rangeLabel.toLowerCase()}`}
          className="grid grid-cols-2 gap-4 lg:grid-cols-4"
        >
          <Stat label="Cost" value={formatUsd(totals.costMicroUsd)} detail={rangeLabel} />
          <Stat label="Calls" value={formatNumber(totals.calls)} />
          <Stat
            label="Input tokens"
            value={formatCompact(totals.inputTokens)}
            detail={
              totals.cacheReadTokens || totals.cacheWriteTokens
                ? `+ ${formatCompact(totals.cacheReadTokens)} cache read, ${formatCompact(totals.cacheWriteTokens)} cache write`
                : exactIfCompacted(totals.inputTokens)
            }
          />
          <Stat
            label="Output tokens"
            value={formatCompact(totals.outputTokens)}
            detail={exactIfCompacted(totals.outputTokens)}
          />
        </section>

        {canBudgets && budgets ? <BudgetGauges period={budgets.period} lines={budgetLines} /> : null}

        {totals.calls === 0 ? (
          <Card className="items-center border-dashed py-12 text-center" data-testid="usage-empty">
            <ChartColumnIcon className="size-6 text-muted-foreground" aria-hidden />
            <CardTitle className="text-base">
              No AI calls {range === 'month' ? 'this month' : 'in this period'}
            </CardTitle>
            <CardDescription className="max-w-md px-6">
              Spend appears here as soon as someone uses an AI feature (Ask, Insights) or calls the API with a
              key. Try a longer period above.
            </CardDescription>
          </Card>
        ) : (
          <>
            <DailyChart points={fillDays(usage.byDay, usage.from, usage.to)} />
            <div className="flex flex-col gap-6">
              <BreakdownTable
                title="By model"
                column="Model"
                rows={byModel}
                totalCostMicroUsd={totals.costMicroUsd}
                testId="by-model"
              />
              <BreakdownTable
                title="By task"
                column="Task"
                rows={byTask}
                totalCostMicroUsd={totals.costMicroUsd}
                testId="by-task"
              />
            </div>
            <BreakdownTable
              title="By person"
              description="Who ran the calls. Calls made with API keys are grouped together."
              column="Person"
              rows={byUser}
              totalCostMicroUsd={totals.costMicroUsd}
              testId="by-user"
            />
          </>
        )}

        <Section id="search" title="Search" testId="search-analytics">
          <SearchAnalytics data={search} />
        </Section>
        <Section id="knowledge" title="Knowledge">
          <KnowledgeGrowth data={growth} />
        </Section>
        {activity ? (
          <Section id="people" title="People">
            <MemberActivity data={activity} />
          </Section>
        ) : null}
      </div>
    </>
  );
}
