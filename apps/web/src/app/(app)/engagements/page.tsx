import { Button, Card, CardContent, CardDescription, CardHeader, CardTitle } from '@consailt/ui';
import { BriefcaseIcon, PlusIcon } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { EngagementStatusBadge } from '@/components/engagements/engagement-status';
import { PageHeader } from '@/components/page-header';
import { formatNumber } from '@/lib/format';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Engagements' };

export default async function EngagementsPage() {
  const session = await requireSession();
  const engagements = await (await serverCaller()).engagements.list();
  const canManage = roleCan(session.role, 'engagements:manage');

  return (
    <>
      <PageHeader
        title="Engagements"
        description="Client projects and the knowledge captured on each."
        actions={
          canManage ? (
            <Button asChild>
              <Link href="/engagements/new">
                <PlusIcon aria-hidden />
                New engagement
              </Link>
            </Button>
          ) : null
        }
      />
      {engagements.length === 0 ? (
        <Card className="items-center border-dashed py-12 text-center">
          <BriefcaseIcon className="size-6 text-muted-foreground" aria-hidden />
          <CardDescription>No engagements yet.</CardDescription>
        </Card>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {engagements.map((engagement) => (
            <Link
              key={engagement.id}
              href={`/engagements/${engagement.id}`}
              className="rounded-xl focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              data-testid="engagement-card"
            >
              <Card className="h-full transition-colors hover:bg-accent/40">
                <CardHeader className="grid-cols-[1fr_auto]">
                  <CardTitle className="leading-snug">{engagement.name}</CardTitle>
                  <EngagementStatusBadge status={engagement.status} className="col-start-2 row-start-1" />
                  <CardDescription>{engagement.clientName}</CardDescription>
                </CardHeader>
                <CardContent className="mt-auto text-muted-foreground text-sm">
                  {formatNumber(engagement.entryCount)} {engagement.entryCount === 1 ? 'entry' : 'entries'}
                </CardContent>
              </Card>
            </Link>
          ))}
        </div>
      )}
    </>
  );
}
