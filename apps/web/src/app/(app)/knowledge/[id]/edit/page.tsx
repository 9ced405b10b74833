import type { Metadata } from 'next';
import { EntryEditor } from '@/components/knowledge/entry-editor';
import { loadKnowledgeOptions } from '@/components/knowledge/load-options';
import { orNotFound } from '@/components/knowledge/or-not-found';
import { VersionHistory } from '@/components/knowledge/version-history';
import { PageHeader } from '@/components/page-header';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Edit entry' };

export default async function EditEntryPage({ params }: { params: Promise<{ id: string }> }) {
  const [session, { id }] = await Promise.all([requireSession(), params]);
  if (!roleCan(session.role, 'knowledge:write'))
    return <NoAccess scope="knowledge:write" what="the entry editor" />;
  const [entry, options] = await Promise.all([
    orNotFound((await serverCaller()).knowledge.byId({ id })),
    loadKnowledgeOptions(),
  ]);

  return (
    <>
      <PageHeader title="Edit entry" description={entry.title} />
      <div className="flex flex-col gap-6">
        {/* Keyed by version: restoring an old version re-renders the page, and the form starts from it. */}
        <EntryEditor key={entry.version} entry={entry} options={options} />
        <VersionHistory entryId={entry.id} currentVersion={entry.version} canWrite />
      </div>
    </>
  );
}
