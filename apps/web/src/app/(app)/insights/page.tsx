import type { Metadata } from 'next';
import { InsightsView } from '@/components/insights/insights-view';
import { PageHeader } from '@/components/page-header';
import { NoAccess } from '@/components/settings/no-access';
import { NoOrganization } from '@/components/settings/no-organization';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Insights' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidParam = (value: string | string[] | undefined) =>
  typeof value === 'string' && UUID.test(value) ? value : null;

export default async function InsightsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const session = await requireSession();
  if (!session.org) return <NoOrganization />;
  if (!roleCan(session.role, 'knowledge:read')) return <NoAccess scope="knowledge:read" what="Insights" />;
  const [params, engagements] = await Promise.all([searchParams, (await serverCaller()).engagements.list()]);
  const requested = uuidParam(params.engagement);
  return (
    <>
      <PageHeader
        title="Insights"
        description="Summaries, project analyses, risk assessments and technical documentation of an engagement, cited and saved."
      />
      <InsightsView
        engagements={engagements.map((e) => ({
          id: e.id,
          name: e.name,
          clientName: e.clientName,
          entryCount: e.entryCount,
        }))}
        initialEngagementId={engagements.some((e) => e.id === requested) ? requested : null}
        initialInsightId={uuidParam(params.id)}
      />
    </>
  );
}
