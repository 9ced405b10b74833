import type { Metadata } from 'next';
import { BudgetsSettings } from '@/components/settings/budgets-settings';
import { NoAccess } from '@/components/settings/no-access';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';
import { serverCaller } from '@/trpc/server';

export const metadata: Metadata = { title: 'Budgets' };

export default async function BudgetsPage() {
  const session = await requireSession();
  if (!roleCan(session.role, 'budgets:manage')) return <NoAccess scope="budgets:manage" what="budgets" />;
  const caller = await serverCaller();
  const [budgets, members, usage] = await Promise.all([
    caller.budgets.get(),
    caller.members.list(),
    roleCan(session.role, 'analytics:read') ? caller.ai.usage() : Promise.resolve(null),
  ]);
  // budgets.get reports spend only for members who have a limit; usage covers everyone this month.
  const spendByUser: Record<string, number> = {};
  for (const row of usage?.byUser ?? []) if (row.userId) spendByUser[row.userId] = row.costMicroUsd;
  return <BudgetsSettings budgets={budgets} members={members} spendByUser={spendByUser} />;
}
