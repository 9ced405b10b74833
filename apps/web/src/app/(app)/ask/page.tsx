import type { Metadata } from 'next';
import { AskView } from '@/components/ask/ask-view';
import { PageHeader } from '@/components/page-header';
import { NoAccess } from '@/components/settings/no-access';
import { NoOrganization } from '@/components/settings/no-organization';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';

export const metadata: Metadata = { title: 'Ask' };

export default async function AskPage() {
  const session = await requireSession();
  if (!session.org) return <NoOrganization />;
  return (
    <>
      <PageHeader
        title="Ask"
        description="Questions answered only from your organization's knowledge, with every claim cited."
      />
      {roleCan(session.role, 'ai:use') ? <AskView /> : <NoAccess scope="ai:use" what="Ask" />}
    </>
  );
}
