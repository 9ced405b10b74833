import { createEngagement, createEntry, createMember, createOrg } from '@consailt/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { callerAs, createTestRuntime } from '../../testing';

const DAY_MS = 86_400_000;
const drain = (runtime: Runtime) => (runtime.queue as unknown as { drain(): Promise<void> }).drain();

async function refusal(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof TRPCError)) throw new Error(`expected a TRPCError, got ${String(error)}`);
  return error;
}

describe('analytics', () => {
  let runtime: Runtime;
  let org: string;
  let owner: string;
  let alice: string;
  let viewer: string;
  let engagementId: string;
  let categoryId: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    org = (await createOrg(db)).id;
    owner = (await createMember(db, { orgId: org, role: 'owner', user: { name: 'Olivia Owner' } })).user.id;
    alice = (await createMember(db, { orgId: org, role: 'member', user: { name: 'Alice Member' } })).user.id;
    viewer = (await createMember(db, { orgId: org, role: 'viewer' })).user.id;
    engagementId = (await createEngagement(db, { orgId: org, name: 'Warehouse rollout' })).id;
    const asAlice = await callerAs(runtime, alice, org);
    categoryId = (await (await callerAs(runtime, owner, org)).categories.create({ name: 'Playbooks' })).id;

    // Knowledge: two entries in the engagement this window, one before it, one private (never counted
    // for others), one deleted (not live), one without engagement or category.
    await asAlice.knowledge.create({
      title: 'Warehouse replenishment playbook',
      body: 'Replenishment cycles were too long at the northern warehouse.',
      engagementId,
      categoryId,
    });
    await asAlice.knowledge.create({ title: 'Pricing workshop', body: 'Value-based pricing.', engagementId });
    await asAlice.knowledge.create({ title: 'Loose note', body: 'Nothing attached.' });
    await asAlice.knowledge.create({
      title: 'Secret',
      body: 'Private pricing thoughts.',
      visibility: 'private',
    });
    const trashed = await asAlice.knowledge.create({ title: 'Trashed', body: 'Gone.', engagementId });
    await asAlice.knowledge.delete({ id: trashed.id });
    await createEntry(db, {
      orgId: org,
      authorId: owner,
      engagementId,
      categoryId,
      title: 'Old kickoff notes',
      createdAt: new Date(Date.now() - 60 * DAY_MS),
    });
    await drain(runtime);

    // Searches: "pricing" twice (one clicked), "Pricing " once more by another member, one that finds nothing.
    const first = await asAlice.search.query({ query: 'pricing', mode: 'lexical' });
    const hit = first.items[0];
    if (!first.searchId || !hit) throw new Error('pricing found nothing');
    await asAlice.search.click({ searchId: first.searchId, entryId: hit.id, rank: hit.rank });
    await asAlice.search.query({ query: 'pricing', mode: 'lexical' });
    const asOwner = await callerAs(runtime, owner, org);
    await asOwner.search.query({ query: 'Pricing ', mode: 'lexical' });
    await asAlice.search.query({ query: 'zebra migration', mode: 'lexical' });

    // One question from Alice.
    for await (const _event of await asAlice.ask.send({ question: 'How long were replenishment cycles?' })) {
      // drain the stream
    }

    // Another organization with the same kind of activity: none of it may show up in the first one.
    const other = (await createOrg(db)).id;
    const otherOwner = (await createMember(db, { orgId: other, role: 'owner' })).user.id;
    const asOther = await callerAs(runtime, otherOwner, other);
    await asOther.knowledge.create({ title: 'Other org pricing', body: 'pricing pricing' });
    await drain(runtime);
    await asOther.search.query({ query: 'pricing', mode: 'lexical' });
    await asOther.search.query({ query: 'other org only query', mode: 'lexical' });
  });

  afterAll(async () => {
    await runtime?.close();
  });

  it('counts searches per day, top queries, empty searches and click-through', async () => {
    const api = await callerAs(runtime, alice, org);
    const res = await api.analytics.search({});
    expect(res.totals).toEqual({ searches: 4, noResults: 1, clicks: 1, clickThroughRate: 1 / 3 });
    const today = new Date().toISOString().slice(0, 10);
    expect(res.byDay).toEqual([{ day: today, searches: 4, noResults: 1, clicks: 1 }]);
    expect(res.topQueries[0]).toMatchObject({
      query: 'pricing',
      searches: 3,
      clicks: 1,
      noResults: 0,
      clickThroughRate: 1 / 3,
    });
    expect(res.topQueries.map((q) => q.query).sort()).toEqual(['pricing', 'zebra migration']);
    expect(res.noResultQueries).toEqual([
      { query: 'zebra migration', searches: 1, lastSearchedAt: expect.any(Date) },
    ]);
  });

  it('limits search analytics to the window', async () => {
    const api = await callerAs(runtime, alice, org);
    const res = await api.analytics.search({
      from: new Date(Date.now() - 10 * DAY_MS),
      to: new Date(Date.now() - 5 * DAY_MS),
    });
    expect(res.totals.searches).toBe(0);
    expect(res.totals.clickThroughRate).toBeNull();
    expect(res.topQueries).toEqual([]);
  });

  it('reports knowledge growth per engagement and per category, live and visible entries only', async () => {
    const asOwner = await callerAs(runtime, owner, org);
    const res = await asOwner.analytics.knowledgeGrowth({});
    const engagement = res.byEngagement.groups.find((g) => g.id === engagementId);
    expect(engagement).toEqual({
      id: engagementId,
      name: 'Warehouse rollout',
      before: 1,
      added: 2,
      total: 3,
    });
    // The owner does not see Alice's private entry; "Loose note" is the only visible unattached one.
    expect(res.byEngagement.groups.find((g) => g.id === null)).toMatchObject({
      name: null,
      before: 0,
      added: 1,
    });
    expect(res.byCategory.groups.find((g) => g.id === categoryId)).toMatchObject({
      name: 'Playbooks',
      before: 1,
      added: 1,
      total: 2,
    });
    const today = new Date().toISOString().slice(0, 10);
    expect(res.byEngagement.byDay).toContainEqual({ day: today, id: engagementId, added: 2 });
    expect(res.byEngagement.byDay.every((d) => d.day === today)).toBe(true);

    // Alice sees her own private entry counted in her view.
    const asAlice = await callerAs(runtime, alice, org);
    const mine = await asAlice.analytics.knowledgeGrowth({});
    expect(mine.byEngagement.groups.find((g) => g.id === null)?.added).toBe(2);
  });

  it('lists per-member activity for admins, with zeros for idle members', async () => {
    const asOwner = await callerAs(runtime, owner, org);
    const res = await asOwner.analytics.memberActivity({});
    const byUser = new Map(res.members.map((m) => [m.userId, m]));
    // Alice created five entries in the window (one since deleted: the work still happened).
    expect(byUser.get(alice)).toMatchObject({
      name: 'Alice Member',
      entriesCreated: 5,
      searches: 3,
      asks: 1,
    });
    // The owner's kickoff notes are 60 days old, outside the default 30-day window.
    expect(byUser.get(owner)).toMatchObject({ entriesCreated: 0, searches: 1, asks: 0 });
    expect(byUser.get(viewer)).toMatchObject({ entriesCreated: 0, searches: 0, asks: 0, total: 0 });
    expect(res.members).toHaveLength(3);
    expect(res.members[0]?.userId).toBe(alice);
  });

  it('refuses per-member activity to members and viewers', async () => {
    for (const user of [alice, viewer]) {
      const error = await refusal((await callerAs(runtime, user, org)).analytics.memberActivity({}));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('Missing permission: audit:read');
    }
    const error = await refusal((await callerAs(runtime, viewer, org)).analytics.search({}));
    expect(error.code).toBe('FORBIDDEN');
  });

  it('refuses a bad window with BAD_REQUEST and a clear message', async () => {
    const api = await callerAs(runtime, owner, org);
    const now = Date.now();
    const backwards = await refusal(
      api.analytics.search({ from: new Date(now), to: new Date(now - DAY_MS) }),
    );
    expect(backwards.code).toBe('BAD_REQUEST');
    expect(backwards.message).toContain('from must be before to');
    const tooLong = await refusal(
      api.analytics.knowledgeGrowth({ from: new Date(now - 400 * DAY_MS), to: new Date(now) }),
    );
    expect(tooLong.code).toBe('BAD_REQUEST');
    expect(tooLong.message).toContain('at most 366 days');
    const notADate = await refusal(api.analytics.memberActivity({ from: 'yesterday' as unknown as Date }));
    expect(notADate.code).toBe('BAD_REQUEST');
  });
});
