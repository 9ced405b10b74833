import type { Metadata } from 'next';
import { AuditLog } from '@/components/settings/audit-log';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Audit log' };

export default async function AuditPage() {
  const session = await requireSession();
  if (!roleCan(session.role, 'audit:read')) return <NoAccess scope="audit:read" what="the audit log" />;
  const caller = await serverCaller();
  // Actor choices for the filter; the events themselves load in the browser (filters, "load more").
  const [members, keys] = await Promise.all([
    caller.members.list(),
    roleCan(session.role, 'keys:manage') ? caller.apiKeys.list() : Promise.resolve([]),
  ]);
  return (
    <AuditLog
      actors={{
        members: members.map((m) => ({ value: `user:${m.userId}`, label: m.name })),
        keys: keys.map((k) => ({ value: `key:${k.id}`, label: `${k.name} (csk_${k.prefix})` })),
      }}
    />
  );
}
