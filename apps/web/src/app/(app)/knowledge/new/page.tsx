import type { Metadata } from 'next';
import { EntryEditor } from '@/components/knowledge/entry-editor';
import { loadKnowledgeOptions } from '@/components/knowledge/load-options';
import { PageHeader } from '@/components/page-header';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'New entry' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function NewEntryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [session, params] = await Promise.all([requireSession(), searchParams]);
  if (!roleCan(session.role, 'knowledge:write'))
    return <NoAccess scope="knowledge:write" what="the entry editor" />;
  const [options, templates] = await Promise.all([
    loadKnowledgeOptions(),
    (await serverCaller()).templates.list(),
  ]);
  // "New entry" on an engagement's page pre-selects it (ignored unless it is one of ours).
  const engagement =
    typeof params.engagement === 'string' && UUID.test(params.engagement) ? params.engagement : '';
  const defaultEngagementId = options.engagements.some((e) => e.id === engagement) ? engagement : undefined;

  return (
    <>
      <PageHeader title="New entry" description="Capture a note, meeting, decision or lesson in markdown." />
      <EntryEditor options={options} templates={templates} defaultEngagementId={defaultEngagementId} />
    </>
  );
}
