import type { Metadata } from 'next';
import { MembersSettings } from '@/components/settings/members-settings';
import { NoOrganization } from '@/components/settings/no-organization';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Members' };

export default async function MembersSettingsPage() {
  const session = await requireSession();
  if (!session.org) return <NoOrganization />;
  const caller = await serverCaller();
  const canManage = roleCan(session.role, 'members:manage');
  const [members, invitations] = await Promise.all([
    caller.members.list(),
    canManage ? caller.invitations.list() : Promise.resolve(null),
  ]);
  return <MembersSettings members={members} invitations={invitations} canManage={canManage} />;
}
