import { Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { ArrowRightIcon, BookOpenIcon, BriefcaseIcon, FileTextIcon, type LucideIcon } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { QuickCapture } from '@/components/home/quick-capture';
import { RelevantNews } from '@/components/home/relevant-news';
import { RunningJobs } from '@/components/home/running-jobs';
import { SpendCard } from '@/components/home/spend-card';
import { PageHeader } from '@/components/page-header';
import { firstName, formatDate, humanize } from '@/lib/format';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Home' };

const RECENT_LIMIT = 12;
/** Enough recent articles to pick the most relevant few from. */
const NEWS_SCAN = 50;

function StatCard({ label, value, icon: Icon }: { label: string; value: string; icon: LucideIcon }) {
  return (
    <Card className="gap-2">
      <CardHeader className="grid-cols-[1fr_auto]">
        <CardDescription>{label}</CardDescription>
        <Icon className="size-4 text-muted-foreground" aria-hidden />
        <CardTitle className="text-2xl tabular-nums">{value}</CardTitle>
      </CardHeader>
    </Card>
  );
}

export default async function HomePage() {
  const session = await requireSession();
  const caller = await serverCaller();
  const can = (scope: Parameters<typeof roleCan>[1]) => roleCan(session.role, scope);
  // One round of parallel queries; each panel the role cannot use is skipped, not fetched and hidden.
  const [knowledge, engagements, news, usage, budgets] = await Promise.all([
    caller.knowledge.list({ limit: RECENT_LIMIT }),
    caller.engagements.list(),
    caller.news.list({ limit: NEWS_SCAN }),
    can('analytics:read') ? caller.ai.usage({}) : Promise.resolve(null),
    can('budgets:manage') ? caller.budgets.get() : Promise.resolve(null),
  ]);

  const activeEngagements = engagements.filter((engagement) => engagement.status === 'active').length;
  // The list is paginated, so "12+" is the honest count when more pages exist.
  const entryCount = `${knowledge.items.length}${knowledge.nextCursor ? '+' : ''}`;

  return (
    <>
      <PageHeader
        title={`Welcome back, ${firstName(session.user.name)}`}
        description={session.org ? `Here is what is happening at ${session.org.name}.` : undefined}
      />

      {can('knowledge:write') ? (
        <div className="mb-6">
          <QuickCapture />
        </div>
      ) : null}

      <div className="mb-6 grid gap-4 sm:grid-cols-3">
        <StatCard label="Knowledge entries" value={entryCount} icon={BookOpenIcon} />
        <StatCard label="Engagements" value={String(engagements.length)} icon={BriefcaseIcon} />
        <StatCard label="Active engagements" value={String(activeEngagements)} icon={BriefcaseIcon} />
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="min-w-0 lg:col-span-2">
          <CardHeader className="grid-cols-[1fr_auto] items-center">
            <CardTitle>Recent knowledge</CardTitle>
            <Button variant="ghost" size="sm" asChild className="col-start-2 row-span-2 row-start-1">
              <Link href="/knowledge">
                View all
                <ArrowRightIcon aria-hidden />
              </Link>
            </Button>
            <CardDescription>The latest entries captured across your engagements.</CardDescription>
          </CardHeader>
          <CardContent>
            {knowledge.items.length === 0 ? (
              <p className="py-8 text-center text-muted-foreground text-sm">
                No knowledge entries yet.{' '}
                {can('knowledge:write')
                  ? 'Capture a note above, or create a full entry under Knowledge.'
                  : 'Entries your team captures will show up here.'}
              </p>
            ) : (
              <ul className="divide-y" data-testid="recent-knowledge">
                {knowledge.items.map((entry) => (
                  <li key={entry.id} className="flex items-start gap-3 py-3 first:pt-0 last:pb-0">
                    <FileTextIcon className="mt-0.5 size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <div className="flex min-w-0 flex-1 flex-col gap-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <Link
                          href={`/knowledge/${entry.id}`}
                          className="min-w-0 break-words font-medium hover:underline"
                        >
                          {entry.title}
                        </Link>
                        <Badge variant="secondary">{humanize(entry.type)}</Badge>
                      </div>
                      <p className="text-muted-foreground text-xs">
                        {[entry.engagementName ?? 'No engagement', entry.authorName ?? 'Unknown author'].join(
                          ' · ',
                        )}
                      </p>
                    </div>
                    <time
                      dateTime={new Date(entry.updatedAt).toISOString()}
                      className="shrink-0 text-muted-foreground text-xs tabular-nums"
                    >
                      {formatDate(entry.updatedAt)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>

        <div className="flex min-w-0 flex-col gap-6">
          {usage ? (
            <SpendCard
              spentMicroUsd={usage.totals.costMicroUsd}
              calls={usage.totals.calls}
              hardLimitMicroUsd={budgets?.org.hardLimitMicroUsd ?? null}
              canManageBudgets={can('budgets:manage')}
            />
          ) : null}
          <RelevantNews articles={news.items} canManageFeeds={can('feeds:manage')} />
          <RunningJobs />
        </div>
      </div>
    </>
  );
}
