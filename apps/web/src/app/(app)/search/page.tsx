import { ENTRY_TYPES } from '@consailt/db';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/page-header';
import { parseSearchParams, toSearchParams } from '@/components/search/search-params';
import { SearchView } from '@/components/search/search-view';
import { NoOrganization } from '@/components/settings/no-organization';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Search' };

export default async function SearchPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession();
  if (!session.org) return <NoOrganization />;
  const caller = await serverCaller();
  // The filter choices are small lists, loaded with the page so the filters are usable at once.
  const [params, engagements, categories, tags, members] = await Promise.all([
    searchParams,
    caller.engagements.list(),
    caller.categories.list(),
    caller.tags.list(),
    caller.members.list(),
  ]);
  const initial = parseSearchParams(params, ENTRY_TYPES);
  return (
    <>
      <PageHeader
        title="Search"
        description="Keyword and meaning-based search across your organization's knowledge, ranked together."
      />
      <SearchView
        // A navigation to other search parameters (a shared link, the nav) starts from them; typing
        // only replaces the URL in place, which does not re-render this server component.
        key={toSearchParams(initial).toString()}
        initial={initial}
        options={{
          types: [...ENTRY_TYPES],
          engagements: engagements.map((e) => ({ id: e.id, label: `${e.name} · ${e.clientName}` })),
          categories: categories.map((c) => ({ id: c.id, label: c.name, depth: c.depth })),
          tags: tags.map((t) => ({ id: t.id, label: t.name })),
          authors: members.map((m) => ({ id: m.userId, label: m.name })),
        }}
      />
    </>
  );
}
