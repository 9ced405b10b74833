import { createEngagement, createEntry, createMember, createOrg } from '@consailt/db/testing';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { callerAs, createTestRuntime } from '../../testing';

describe('knowledge procedures', () => {
  let runtime: Runtime;
  let orgA: string;
  let orgB: string;
  let memberA: string;
  let viewerA: string;
  let memberB: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    orgA = (await createOrg(db)).id;
    orgB = (await createOrg(db)).id;
    memberA = (await createMember(db, { orgId: orgA, role: 'member' })).user.id;
    viewerA = (await createMember(db, { orgId: orgA, role: 'viewer' })).user.id;
    memberB = (await createMember(db, { orgId: orgB, role: 'member' })).user.id;
  });

  afterAll(async () => {
    await runtime?.close();
  });

  it('creates an entry and the entry-stats job fills in its word count', async () => {
    const api = await callerAs(runtime, memberA);
    const { id } = await api.knowledge.create({
      title: 'Workshop notes',
      body: 'Five words are right here.',
    });
    await (runtime.queue as unknown as { drain(): Promise<void> }).drain();
    const entry = await api.knowledge.byId({ id });
    expect(entry.wordCount).toBe(5);
    expect(entry.source).toBe('manual');
  });

  it('lists newest first with keyset pagination and no duplicates', async () => {
    const db = runtime.database.db;
    const org = (await createOrg(db)).id;
    const user = (await createMember(db, { orgId: org })).user.id;
    for (let i = 0; i < 7; i++) {
      await createEntry(db, {
        orgId: org,
        authorId: user,
        title: `E${i}`,
        updatedAt: new Date(2026, 0, 1 + i),
      });
    }
    const api = await callerAs(runtime, user);
    const first = await api.knowledge.list({ limit: 4 });
    expect(first.items.map((e) => e.title)).toEqual(['E6', 'E5', 'E4', 'E3']);
    const second = await api.knowledge.list({ limit: 4, cursor: first.nextCursor });
    expect(second.items.map((e) => e.title)).toEqual(['E2', 'E1', 'E0']);
    expect(second.nextCursor).toBeNull();
  });

  it("hides another user's private entries", async () => {
    const db = runtime.database.db;
    const secret = await createEntry(db, {
      orgId: orgA,
      authorId: viewerA,
      title: 'Private',
      visibility: 'private',
    });
    const api = await callerAs(runtime, memberA);
    await expect(api.knowledge.byId({ id: secret.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const viewer = await callerAs(runtime, viewerA);
    expect((await viewer.knowledge.byId({ id: secret.id })).title).toBe('Private');
  });

  it("never reads another organization's entry, even by id", async () => {
    const db = runtime.database.db;
    const entryB = await createEntry(db, { orgId: orgB, authorId: memberB, title: 'Org B secret' });
    const api = await callerAs(runtime, memberA);
    await expect(api.knowledge.byId({ id: entryB.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const list = await api.knowledge.list({ limit: 100 });
    expect(list.items.some((e) => e.id === entryB.id)).toBe(false);
    // Asking for org B explicitly as a non-member is refused too.
    const intruder = await callerAs(runtime, memberA, orgB);
    await expect(intruder.knowledge.list({ limit: 5 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an engagement from another organization', async () => {
    const engagementB = await createEngagement(runtime.database.db, { orgId: orgB });
    const api = await callerAs(runtime, memberA);
    await expect(api.knowledge.create({ title: 'x', engagementId: engagementB.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('names the missing scope when a viewer tries to write', async () => {
    const api = await callerAs(runtime, viewerA);
    const error = await api.knowledge.create({ title: 'Nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'Missing permission: knowledge:write' });
  });

  it('rejects bad input with a message that says what is wrong', async () => {
    const api = await callerAs(runtime, memberA);
    await expect(api.knowledge.create({ title: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.knowledge.byId({ id: 'not-a-uuid' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(api.knowledge.list({ limit: 5, cursor: 'garbage' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Invalid cursor',
    });
  });

  it('requires a signed-in user', async () => {
    const anonymous = await callerAs(runtime, null);
    await expect(anonymous.knowledge.list({ limit: 5 })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await anonymous.auth.session()).user).toBeNull();
  });

  it('lists engagements with their entry counts', async () => {
    const db = runtime.database.db;
    const org = (await createOrg(db)).id;
    const user = (await createMember(db, { orgId: org })).user.id;
    const e = await createEngagement(db, { orgId: org, name: 'Alpha', clientName: 'Acme' });
    await createEntry(db, { orgId: org, engagementId: e.id });
    await createEntry(db, { orgId: org, engagementId: e.id });
    const api = await callerAs(runtime, user);
    expect(await api.engagements.list()).toEqual([
      { id: e.id, name: 'Alpha', clientName: 'Acme', status: 'active', entryCount: 2 },
    ]);
  });
});
