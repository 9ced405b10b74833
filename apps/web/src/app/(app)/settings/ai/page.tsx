import type { Metadata } from 'next';
import { PrivacyCard, SensitiveTermsCard } from '@/components/settings/ai-privacy';
import { AiRoutingCard } from '@/components/settings/ai-routing';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'AI settings' };

export default async function AiSettingsPage() {
  const session = await requireSession();
  if (!roleCan(session.role, 'ai:use')) return <NoAccess scope="ai:use" what="AI settings" />;
  const caller = await serverCaller();
  const [models, settings] = await Promise.all([caller.ai.models(), caller.settings.getAi()]);
  const canManage = roleCan(session.role, 'settings:manage');
  return (
    <>
      <PrivacyCard settings={settings} canManage={canManage} isOwner={session.role === 'owner'} />
      <SensitiveTermsCard terms={settings.sensitiveTerms} editable={canManage} />
      <AiRoutingCard models={models} editable={canManage} />
    </>
  );
}
