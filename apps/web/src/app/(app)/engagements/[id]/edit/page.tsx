import type { Metadata } from 'next';
import { EngagementForm } from '@/components/engagements/engagement-form';
import { orNotFound } from '@/components/knowledge/or-not-found';
import { PageHeader } from '@/components/page-header';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Edit engagement' };

export default async function EditEngagementPage({ params }: { params: Promise<{ id: string }> }) {
  const [session, { id }] = await Promise.all([requireSession(), params]);
  if (!roleCan(session.role, 'engagements:manage')) {
    return <NoAccess scope="engagements:manage" what="the engagement form" />;
  }
  const engagement = await orNotFound((await serverCaller()).engagements.byId({ id }));
  return (
    <>
      <PageHeader title="Edit engagement" description={engagement.name} />
      <EngagementForm engagement={engagement} />
    </>
  );
}
