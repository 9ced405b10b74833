import type { Metadata } from 'next';
import { OrganizationSettings } from '@/components/settings/organization-settings';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Organization settings' };

export default async function OrganizationSettingsPage() {
  await requireSession();
  const orgs = await (await serverCaller()).orgs.mine();
  return <OrganizationSettings orgs={orgs} />;
}
