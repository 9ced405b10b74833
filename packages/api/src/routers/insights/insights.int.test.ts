import { budgetPeriod } from '@consailt/ai';
import { aiBudgetReservations, aiInteractions, knowledgeEntries, knowledgeLinks } from '@consailt/db';
import { createEngagement, createMember, createOrg } from '@consailt/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import type { InsightEvent } from '../../services/insights';
import { callerAs, createTestRuntime } from '../../testing';

const drain = (runtime: Runtime) => (runtime.queue as unknown as { drain(): Promise<void> }).drain();

async function collect(stream: AsyncIterable<InsightEvent>) {
  const events: InsightEvent[] = [];
  for await (const e of stream) events.push(e);
  const start = events.find((e) => e.type === 'start');
  const sources = events.find((e) => e.type === 'sources');
  const done = events.find((e) => e.type === 'done');
  if (start?.type !== 'start' || sources?.type !== 'sources' || done?.type !== 'done')
    throw new Error('incomplete stream');
  return { events, start, sources: sources.sources, insight: done.insight };
}

describe('insights', () => {
  let runtime: Runtime;
  let org: string;
  let alice: string;
  let bob: string;
  let viewer: string;
  let engagementId: string;
  let emptyEngagementId: string;
  let migrationId: string;
  let vendorId: string;
  let secretId: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    org = (await createOrg(db)).id;
    alice = (await createMember(db, { orgId: org, role: 'member' })).user.id;
    bob = (await createMember(db, { orgId: org, role: 'member' })).user.id;
    viewer = (await createMember(db, { orgId: org, role: 'viewer' })).user.id;
    engagementId = (await createEngagement(db, { orgId: org, name: 'Harbor ERP rollout' })).id;
    emptyEngagementId = (await createEngagement(db, { orgId: org, name: 'Empty engagement' })).id;
    const asAlice = await callerAs(runtime, alice, org);
    migrationId = (
      await asAlice.knowledge.create({
        title: 'Data migration plan',
        engagementId,
        body: 'The data migration must finish before the March cutover. The main risk is that legacy customer records are incomplete, which could delay the cutover by weeks.',
      })
    ).id;
    vendorId = (
      await asAlice.knowledge.create({
        title: 'Vendor contract notes',
        engagementId,
        body: 'The integration vendor contract ends in June. Losing the vendor before go-live is a serious risk to the interface work.',
      })
    ).id;
    secretId = (
      await asAlice.knowledge.create({
        title: 'Private fee notes',
        engagementId,
        visibility: 'private',
        body: 'Our fee risk: the client may cap consulting days in the second phase.',
      })
    ).id;
    // Another organization's entries on the same words must never be read or cited.
    const other = (await createOrg(db)).id;
    const carol = (await createMember(db, { orgId: other, role: 'member' })).user.id;
    await (await callerAs(runtime, carol, other)).knowledge.create({
      title: 'Other firm migration risk',
      body: 'The data migration risk at the other firm is the cutover weekend.',
    });
    await drain(runtime);
  });

  afterAll(async () => {
    await runtime?.close();
  });

  it('streams a risk assessment of an engagement with model, cost and citations, and saves it as an insight entry', async () => {
    const api = await callerAs(runtime, bob, org);
    const { events, start, sources, insight } = await collect(
      await api.insights.run({ kind: 'risk_assessment', engagementId }),
    );
    expect(start).toMatchObject({ kind: 'risk_assessment', label: 'Risk assessment' });
    expect(start.engagement).toEqual({ id: engagementId, name: 'Harbor ERP rollout' });
    // Bob reads the engagement's organization-wide entries, not Alice's private one.
    expect(sources.map((s) => s.entryId).sort()).toEqual([migrationId, vendorId].sort());
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(1);
    expect(insight.status).toBe('complete');
    expect(insight.modelId).toBe('local.extractive-v1');
    expect(insight.costMicroUsd).toBeGreaterThanOrEqual(0);
    expect(insight.latencyMs).toBeGreaterThan(0);
    expect(insight.content).toContain('risk');
    expect(insight.citations.length).toBeGreaterThan(0);
    for (const c of insight.citations) {
      expect(sources.find((s) => s.n === c.n)?.entryId).toBe(c.entryId);
      expect(insight.content).toContain(`[${c.n}]`);
    }
    if (!insight.entryId) throw new Error('not saved');

    // Saved: an insight entry under the engagement, its text and sources, linked to what it cites.
    const entry = await api.knowledge.byId({ id: insight.entryId });
    expect(entry).toMatchObject({ type: 'insight', engagementId, visibility: 'organization' });
    expect(entry.title).toBe('Risk assessment: Harbor ERP rollout');
    expect(entry.body).toContain('## Sources');
    expect(entry.body).toContain(`(/knowledge/${insight.citations[0]?.entryId})`);
    const links = await runtime.database.db
      .select({ to: knowledgeLinks.toEntryId, kind: knowledgeLinks.kind })
      .from(knowledgeLinks)
      .where(eq(knowledgeLinks.fromEntryId, insight.entryId));
    expect(links.map((l) => l.to).sort()).toEqual(
      [...new Set(insight.citations.map((c) => c.entryId))].sort(),
    );
    expect(links.every((l) => l.kind === 'cites')).toBe(true);

    // Metered like every AI call, under the routed task.
    const calls = await runtime.database.db
      .select({ task: aiInteractions.task, userId: aiInteractions.userId })
      .from(aiInteractions)
      .where(and(eq(aiInteractions.orgId, org), eq(aiInteractions.task, 'risk_assessment')));
    expect(calls).toContainEqual({ task: 'risk_assessment', userId: bob });

    // History and detail view.
    const history = await api.insights.list({ engagementId });
    expect(history.items[0]).toMatchObject({
      id: insight.entryId,
      kind: 'risk_assessment',
      engagement: { id: engagementId, name: 'Harbor ERP rollout' },
      modelId: 'local.extractive-v1',
      citationCount: insight.citations.length,
    });
    const view = await api.insights.byId({ id: insight.entryId });
    expect(view.content).toBe(insight.content.trim());
    expect(view.citations).toEqual(insight.citations);
    // A viewer reads the history too.
    const asViewer = await callerAs(runtime, viewer, org);
    expect((await asViewer.insights.list({})).items.some((i) => i.id === insight.entryId)).toBe(true);
  });

  it("makes the insight private when it read the author's private entry", async () => {
    const api = await callerAs(runtime, alice, org);
    const { sources, insight } = await collect(
      await api.insights.run({ kind: 'summary', entryIds: [secretId, vendorId] }),
    );
    expect(sources.map((s) => s.entryId)).toEqual([secretId, vendorId]);
    expect(insight.title).toBe('Summary: 2 entries');
    if (!insight.entryId) throw new Error('not saved');
    const [row] = await runtime.database.db
      .select({ visibility: knowledgeEntries.visibility, engagementId: knowledgeEntries.engagementId })
      .from(knowledgeEntries)
      .where(eq(knowledgeEntries.id, insight.entryId));
    expect(row).toEqual({ visibility: 'private', engagementId: null });
    const asBob = await callerAs(runtime, bob, org);
    expect((await asBob.insights.list({})).items.some((i) => i.id === insight.entryId)).toBe(false);
    await expect(asBob.insights.byId({ id: insight.entryId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('filters the history by kind and pages through it', async () => {
    const api = await callerAs(runtime, bob, org);
    for (const kind of ['summary', 'technical_docs'] as const)
      await collect(await api.insights.run({ kind, engagementId }));
    const summaries = await api.insights.list({ engagementId, kind: 'summary' });
    expect(summaries.items.length).toBeGreaterThan(0);
    expect(summaries.items.every((i) => i.kind === 'summary')).toBe(true);
    const first = await api.insights.list({ engagementId, limit: 1 });
    expect(first.nextCursor).toBe(first.items[0]?.id);
    const second = await api.insights.list({ engagementId, limit: 1, cursor: first.nextCursor });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const all = await api.insights.list({ engagementId, limit: 100 });
    expect(all.items.map((i) => i.id).slice(0, 2)).toEqual([first.items[0]?.id, second.items[0]?.id]);
  });

  it('refuses bad input, foreign or invisible entries, and empty engagements before streaming', async () => {
    const api = await callerAs(runtime, bob, org);
    await expect(api.insights.run({ kind: 'summary' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Choose an engagement'),
    });
    await expect(api.insights.run({ kind: 'nonsense' as 'summary', engagementId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api.insights.run({ kind: 'summary', entryIds: ['not-a-uuid'] })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(
      api.insights.run({ kind: 'summary', entryIds: Array.from({ length: 26 }, () => migrationId) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.insights.run({ kind: 'summary', entryIds: [secretId] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      api.insights.run({ kind: 'summary', engagementId: emptyEngagementId }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('no entries') });
    await expect(api.insights.list({ cursor: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    // A knowledge entry that is not an insight is not an insight.
    await expect(api.insights.byId({ id: migrationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('needs ai:use to run: a viewer is refused', async () => {
    const asViewer = await callerAs(runtime, viewer, org);
    await expect(asViewer.insights.run({ kind: 'summary', engagementId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('enforces the AI budget like every other call', async () => {
    const db = runtime.database.db;
    const owner = (await createMember(db, { orgId: org, role: 'owner' })).user.id;
    const asOwner = await callerAs(runtime, owner, org);
    await asOwner.budgets.set({ hardLimitUsd: 0.0001, softLimitUsd: null });
    // Spend already over the limit this month (the offline model itself is free).
    await db.insert(aiBudgetReservations).values({
      orgId: org,
      period: budgetPeriod(),
      amountMicroUsd: 500,
      settledMicroUsd: 500,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const before = await asOwner.insights.list({ limit: 100 });
    const api = await callerAs(runtime, bob, org);
    const error = await collect(await api.insights.run({ kind: 'risk_assessment', engagementId })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'PAYMENT_REQUIRED' });
    expect((await asOwner.insights.list({ limit: 100 })).items.length).toBe(before.items.length);
    await asOwner.budgets.set({ hardLimitUsd: null });
  });
});
