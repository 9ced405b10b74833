import type { Metadata } from 'next';
import { TrashList } from '@/components/knowledge/trash-list';
import { PageHeader } from '@/components/page-header';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';

export const metadata: Metadata = { title: 'Trash' };

export default async function TrashPage() {
  const session = await requireSession();
  if (!roleCan(session.role, 'knowledge:write')) return <NoAccess scope="knowledge:write" what="the trash" />;
  const canPurge = roleCan(session.role, 'knowledge:manage');
  return (
    <>
      <PageHeader
        title="Trash"
        description={
          canPurge
            ? 'Deleted entries. Restore them, or delete them for good.'
            : 'Deleted entries. You can restore your own; admins can restore and purge any.'
        }
      />
      <TrashList canPurge={canPurge} />
    </>
  );
}
