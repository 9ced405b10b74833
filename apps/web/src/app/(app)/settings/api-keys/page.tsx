import type { Metadata } from 'next';
import { ApiKeysSettings } from '@/components/settings/api-keys-settings';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const session = await requireSession();
  if (!roleCan(session.role, 'keys:manage')) return <NoAccess scope="keys:manage" what="API keys" />;
  const keys = await (await serverCaller()).apiKeys.list();
  // "Expired" is decided against the request time, passed down so the client renders the same status.
  return <ApiKeysSettings keys={keys} now={Date.now()} />;
}
