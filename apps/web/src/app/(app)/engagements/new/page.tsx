import type { Metadata } from 'next';
import { EngagementForm } from '@/components/engagements/engagement-form';
import { PageHeader } from '@/components/page-header';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';

export const metadata: Metadata = { title: 'New engagement' };

export default async function NewEngagementPage() {
  const session = await requireSession();
  if (!roleCan(session.role, 'engagements:manage')) {
    return <NoAccess scope="engagements:manage" what="the engagement form" />;
  }
  return (
    <>
      <PageHeader title="New engagement" description="A client project to organize knowledge and news by." />
      <EngagementForm />
    </>
  );
}
