import { Button } from '@consailt/ui';
import { PlusIcon, Trash2Icon } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { KnowledgeTable } from '@/components/knowledge/knowledge-table';
import { listStateToSearch, parseListParams } from '@/components/knowledge/list-params';
import { loadKnowledgeOptions } from '@/components/knowledge/load-options';
import { PageHeader } from '@/components/page-header';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';

export const metadata: Metadata = { title: 'Knowledge' };

export default async function KnowledgePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [session, params] = await Promise.all([requireSession(), searchParams]);
  const canWrite = roleCan(session.role, 'knowledge:write');
  const options = await loadKnowledgeOptions();
  const state = parseListParams(params);

  return (
    <>
      <PageHeader
        title="Knowledge"
        description="Everything your team has captured. Filter, sort, and select rows to tag, move or delete them."
        actions={
          canWrite ? (
            <>
              <Button variant="outline" asChild>
                <Link href="/knowledge/trash">
                  <Trash2Icon aria-hidden />
                  Trash
                </Link>
              </Button>
              <Button asChild>
                <Link href="/knowledge/new">
                  <PlusIcon aria-hidden />
                  New entry
                </Link>
              </Button>
            </>
          ) : null
        }
      />
      {/* Keyed by the filters so following a filtered link (e.g. from an engagement) starts afresh. */}
      <KnowledgeTable
        key={listStateToSearch(state)}
        initialState={state}
        options={options}
        canWrite={canWrite}
      />
    </>
  );
}
