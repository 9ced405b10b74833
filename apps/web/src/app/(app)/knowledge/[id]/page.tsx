import { Badge, Card, CardContent, CardHeader, CardTitle } from '@consailt/ui';
import { LockIcon } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { EntryActions } from '@/components/knowledge/entry-actions';
import { MarkdownView } from '@/components/knowledge/markdown';
import { orNotFound } from '@/components/knowledge/or-not-found';
import { RelatedEntries } from '@/components/knowledge/related-entries';
import { PageHeader } from '@/components/page-header';
import { formatDateTime, formatNumber, humanize } from '@/lib/format';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Entry' };

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[7rem_1fr] gap-2">
      <dt className="text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function EntryPage({ params }: { params: Promise<{ id: string }> }) {
  const [session, { id }] = await Promise.all([requireSession(), params]);
  const entry = await orNotFound((await serverCaller()).knowledge.byId({ id }));
  const canWrite = roleCan(session.role, 'knowledge:write');
  // The server also lets the author delete their own entry; managers may delete anyone's.
  const canDelete =
    canWrite && (roleCan(session.role, 'knowledge:manage') || entry.authorId === session.user.id);

  return (
    <>
      <PageHeader
        title={entry.title}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge variant="secondary">{humanize(entry.type)}</Badge>
            {entry.visibility === 'private' ? (
              <Badge variant="outline">
                <LockIcon aria-hidden />
                Private
              </Badge>
            ) : null}
            <span>
              {entry.authorName ?? 'Unknown author'} · updated {formatDateTime(entry.updatedAt)}
            </span>
          </span>
        }
        actions={
          <EntryActions entryId={entry.id} title={entry.title} canEdit={canWrite} canDelete={canDelete} />
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card>
          <CardContent>
            {entry.body.trim() ? (
              <MarkdownView source={entry.body} className="text-base" />
            ) : (
              <p className="text-muted-foreground text-sm">This entry has no body yet.</p>
            )}
          </CardContent>
        </Card>
        <div className="flex flex-col gap-6">
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="flex flex-col gap-2 text-sm" data-testid="entry-details">
                <Meta label="Engagement">
                  {entry.engagementId ? (
                    <Link href={`/engagements/${entry.engagementId}`} className="hover:underline">
                      {entry.engagementName}
                    </Link>
                  ) : (
                    '—'
                  )}
                </Meta>
                <Meta label="Category">{entry.categoryName ?? '—'}</Meta>
                <Meta label="Tags">
                  {entry.tags.length ? (
                    <span className="flex flex-wrap gap-1">
                      {entry.tags.map((tag) => (
                        <Badge key={tag.id} variant="outline" asChild>
                          <Link href={`/knowledge?tag=${tag.id}`}>{tag.name}</Link>
                        </Badge>
                      ))}
                    </span>
                  ) : (
                    '—'
                  )}
                </Meta>
                <Meta label="Visibility">
                  {entry.visibility === 'private' ? 'Private (author only)' : 'Organization'}
                </Meta>
                <Meta label="Source">{entry.source === 'api' ? 'API' : humanize(entry.source)}</Meta>
                <Meta label="Version">{entry.version}</Meta>
                <Meta label="Words">{formatNumber(entry.wordCount)}</Meta>
                <Meta label="Created">{formatDateTime(entry.createdAt)}</Meta>
                <Meta label="Indexed">{entry.indexedAt ? formatDateTime(entry.indexedAt) : 'Pending'}</Meta>
              </dl>
            </CardContent>
          </Card>
          <RelatedEntries entryId={entry.id} canWrite={canWrite} />
        </div>
      </div>
    </>
  );
}
