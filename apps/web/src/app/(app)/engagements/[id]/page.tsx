import { Badge, Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { ArrowRightIcon, FileTextIcon, PlusIcon } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { EngagementActions } from '@/components/engagements/engagement-actions';
import { EngagementStatusBadge } from '@/components/engagements/engagement-status';
import { orNotFound } from '@/components/knowledge/or-not-found';
import { PageHeader } from '@/components/page-header';
import { formatDate, formatNumber, humanize } from '@/lib/format';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Engagement' };

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function EngagementPage({ params }: { params: Promise<{ id: string }> }) {
  const [session, { id }] = await Promise.all([requireSession(), params]);
  const engagement = await orNotFound((await serverCaller()).engagements.byId({ id }));
  const canManage = roleCan(session.role, 'engagements:manage');
  const canWrite = roleCan(session.role, 'knowledge:write');
  const entries = `${formatNumber(engagement.entryCount)} ${engagement.entryCount === 1 ? 'entry' : 'entries'}`;

  return (
    <>
      <PageHeader
        title={engagement.name}
        description={
          <span className="flex items-center gap-2">
            <EngagementStatusBadge status={engagement.status} />
            {engagement.clientName}
          </span>
        }
        actions={canManage ? <EngagementActions id={engagement.id} name={engagement.name} /> : null}
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardHeader className="grid-cols-[1fr_auto] items-center">
            <CardTitle>Linked entries</CardTitle>
            <CardDescription>
              {entries}
              {engagement.entryCount > engagement.recentEntries.length ? ', the latest shown' : ''}
            </CardDescription>
            <div className="col-start-2 row-span-2 row-start-1 flex gap-2">
              {canWrite ? (
                <Button size="sm" variant="outline" asChild>
                  <Link href={`/knowledge/new?engagement=${engagement.id}`}>
                    <PlusIcon aria-hidden />
                    New entry
                  </Link>
                </Button>
              ) : null}
              <Button size="sm" variant="ghost" asChild>
                <Link href={`/knowledge?engagement=${engagement.id}`}>
                  All in Knowledge
                  <ArrowRightIcon aria-hidden />
                </Link>
              </Button>
            </div>
          </CardHeader>
          <CardContent>
            {engagement.recentEntries.length === 0 ? (
              <p className="py-6 text-center text-muted-foreground text-sm">No entries linked yet.</p>
            ) : (
              <ul className="divide-y" data-testid="engagement-entries">
                {engagement.recentEntries.map((entry) => (
                  <li key={entry.id} className="flex items-center gap-3 py-2.5 first:pt-0 last:pb-0">
                    <FileTextIcon className="size-4 shrink-0 text-muted-foreground" aria-hidden />
                    <Link
                      href={`/knowledge/${entry.id}`}
                      className="min-w-0 flex-1 truncate font-medium hover:underline"
                    >
                      {entry.title}
                    </Link>
                    <Badge variant="secondary">{humanize(entry.type)}</Badge>
                    <span className="text-muted-foreground text-xs tabular-nums">
                      {formatDate(entry.updatedAt)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Details</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="flex flex-col gap-2 text-sm" data-testid="engagement-details">
              <Meta label="Client">{engagement.clientName}</Meta>
              <Meta label="Status">{humanize(engagement.status)}</Meta>
              <Meta label="Start">{engagement.startDate ? formatDate(engagement.startDate) : '—'}</Meta>
              <Meta label="End">{engagement.endDate ? formatDate(engagement.endDate) : '—'}</Meta>
              <Meta label="News">{formatNumber(engagement.newsCount)} relevant articles</Meta>
              <Meta label="Keywords">
                {engagement.keywords.length ? engagement.keywords.join(', ') : '—'}
              </Meta>
              <Meta label="Description">
                <span className="whitespace-pre-wrap">{engagement.description || '—'}</span>
              </Meta>
            </dl>
          </CardContent>
        </Card>
      </div>
    </>
  );
}
