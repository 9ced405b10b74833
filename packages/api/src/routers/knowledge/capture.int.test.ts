import { auditLog } from '@consailt/db';
import { createMember, createOrg } from '@consailt/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { callerAs, createTestRuntime } from '../../testing';

const drain = (runtime: Runtime) => (runtime.queue as unknown as { drain(): Promise<void> }).drain();

describe('knowledge capture', () => {
  let runtime: Runtime;
  let org: string;
  let admin: string;
  let member: string;
  let other: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    org = (await createOrg(db)).id;
    admin = (await createMember(db, { orgId: org, role: 'admin' })).user.id;
    member = (await createMember(db, { orgId: org, role: 'member' })).user.id;
    other = (await createMember(db, { orgId: org, role: 'member' })).user.id;
  });
  afterAll(async () => {
    await runtime?.close();
  });

  const audits = (action: string, targetId: string) =>
    runtime.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org), eq(auditLog.action, action), eq(auditLog.targetId, targetId)));

  it('stores every edit as a version, diffs and restores them', async () => {
    const api = await callerAs(runtime, member, org);
    const { id } = await api.knowledge.create({ title: 'Kickoff', body: 'Scope: pricing.\nBudget: 10k.' });
    const edit = await api.knowledge.update({
      id,
      body: 'Scope: pricing and assortment.\nBudget: 10k.',
      expectedVersion: 1,
    });
    expect(edit).toMatchObject({ version: 2, contentChanged: true });
    await expect(api.knowledge.update({ id, title: 'Stale', expectedVersion: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const metaOnly = await api.knowledge.update({ id, type: 'meeting', tags: ['Pricing', 'kickoff'] });
    expect(metaOnly).toMatchObject({ version: 2, contentChanged: false });
    expect((await api.knowledge.versions({ id })).map((v) => v.version)).toEqual([2, 1]);
    const diff = await api.knowledge.diff({ id, from: 1, to: 2 });
    expect(diff.changes).toContainEqual({ op: 'delete', text: 'Scope: pricing.\n' });
    expect(diff.changes).toContainEqual({ op: 'insert', text: 'Scope: pricing and assortment.\n' });
    expect(await api.knowledge.restoreVersion({ id, version: 1 })).toMatchObject({ version: 3 });
    const entry = await api.knowledge.byId({ id });
    expect(entry).toMatchObject({ body: 'Scope: pricing.\nBudget: 10k.', version: 3, type: 'meeting' });
    expect(entry.tags.map((t) => t.name)).toEqual(['kickoff', 'Pricing']);
  });

  it('trashes, restores and (for admins only) purges, with every step in the audit log', async () => {
    const asMember = await callerAs(runtime, member, org);
    const asOther = await callerAs(runtime, other, org);
    const asAdmin = await callerAs(runtime, admin, org);
    const { id } = await asMember.knowledge.create({ title: 'Temporary note' });
    await expect(asOther.knowledge.delete({ id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await asMember.knowledge.delete({ id });
    await expect(asMember.knowledge.byId({ id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await asMember.knowledge.trash()).items.map((e) => e.id)).toContain(id);
    await asMember.knowledge.restore({ id });
    expect((await asMember.knowledge.byId({ id })).title).toBe('Temporary note');
    await asMember.knowledge.delete({ id });
    await expect(asMember.knowledge.purge({ id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: 'Missing permission: knowledge:manage',
    });
    await asAdmin.knowledge.purge({ id });
    expect((await asAdmin.knowledge.trash()).items.map((e) => e.id)).not.toContain(id);
    for (const action of ['knowledge.delete', 'knowledge.restore', 'knowledge.purge']) {
      expect((await audits(action, id)).length, action).toBeGreaterThan(0);
    }
  });

  it('creates tags on the fly, renames (refusing a clash) and merges them', async () => {
    const asMember = await callerAs(runtime, member, org);
    const asAdmin = await callerAs(runtime, admin, org);
    const a = await asMember.knowledge.create({ title: 'A', tags: ['Retail ', 'retail', 'grocery'] });
    const b = await asMember.knowledge.create({ title: 'B', tags: ['Groceries'] });
    const list = await asAdmin.tags.list();
    const retail = list.find((t) => t.name === 'Retail');
    const grocery = list.find((t) => t.name === 'grocery');
    const groceries = list.find((t) => t.name === 'Groceries');
    if (!retail || !grocery || !groceries) throw new Error('tags missing');
    expect(retail.entryCount).toBe(1);
    await expect(asAdmin.tags.rename({ id: groceries.id, name: 'GROCERY' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await asAdmin.tags.merge({ sourceIds: [groceries.id], targetId: grocery.id });
    expect((await asAdmin.knowledge.byId({ id: b.id })).tags.map((t) => t.name)).toEqual(['grocery']);
    expect((await asAdmin.tags.list()).find((t) => t.id === grocery.id)?.entryCount).toBe(2);
    expect((await asAdmin.knowledge.byId({ id: a.id })).tags.map((t) => t.name)).toEqual([
      'grocery',
      'Retail',
    ]);
  });

  it('keeps a category tree: no cycles, and deleting re-homes entries and children to the parent', async () => {
    const asAdmin = await callerAs(runtime, admin, org);
    const root = await asAdmin.categories.create({ name: 'Operations' });
    const mid = await asAdmin.categories.create({ name: 'Supply chain', parentId: root.id });
    const leaf = await asAdmin.categories.create({ name: 'Warehousing', parentId: mid.id });
    await expect(
      asAdmin.categories.create({ name: 'supply CHAIN', parentId: root.id }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(asAdmin.categories.move({ id: root.id, parentId: leaf.id })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const { id } = await asAdmin.knowledge.create({ title: 'Dock scheduling', categoryId: leaf.id });
    const inRoot = await asAdmin.knowledge.list({ filters: { categoryId: root.id } });
    expect(inRoot.items.map((e) => e.id)).toEqual([id]);
    await asAdmin.categories.delete({ id: mid.id });
    const tree = await asAdmin.categories.list();
    expect(tree.find((c) => c.id === leaf.id)).toMatchObject({
      parentId: root.id,
      path: ['Operations', 'Warehousing'],
    });
    await asAdmin.categories.delete({ id: leaf.id });
    expect((await asAdmin.knowledge.byId({ id })).categoryId).toBe(root.id);
    expect((await audits('category.delete', mid.id)).length).toBe(1);
  });

  it('pre-fills an entry from a template', async () => {
    const asAdmin = await callerAs(runtime, admin, org);
    const { id } = await asAdmin.templates.create({
      name: 'Meeting notes',
      entryType: 'meeting',
      fields: [
        { key: 'client', label: 'Client', kind: 'text', required: true },
        { key: 'date', label: 'Date', kind: 'date' },
      ],
      bodyTemplate: '# Meeting with {{client}} on {{ date }}\n\n## Decisions\n',
    });
    await expect(asAdmin.templates.render({ id, values: {} })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const draft = await asAdmin.templates.render({ id, values: { client: 'Acme', date: '2026-03-01' } });
    expect(draft).toEqual({
      templateId: id,
      type: 'meeting',
      body: '# Meeting with Acme on 2026-03-01\n\n## Decisions\n',
    });
    const entry = await asAdmin.knowledge.create({
      title: 'Acme sync',
      body: draft.body,
      type: draft.type,
      templateId: id,
    });
    expect((await asAdmin.knowledge.byId({ id: entry.id })).templateId).toBe(id);
  });

  it('links entries both ways and suggests related ones without leaking private entries', async () => {
    const asMember = await callerAs(runtime, member, org);
    const asOther = await callerAs(runtime, other, org);
    const a = await asMember.knowledge.create({
      title: 'Cold chain audit',
      body: 'Refrigerated trucks lost temperature control on long routes.',
    });
    const b = await asMember.knowledge.create({
      title: 'Cold chain fixes',
      body: 'Refrigerated trucks now log temperature on long routes.',
    });
    const secret = await asOther.knowledge.create({
      title: 'Cold chain private',
      body: 'Refrigerated trucks temperature control long routes, confidential.',
      visibility: 'private',
    });
    await drain(runtime);
    await asMember.knowledge.link({ fromId: a.id, toId: b.id });
    await asMember.knowledge.link({ fromId: b.id, toId: a.id });
    const fromB = await asMember.knowledge.related({ id: b.id });
    expect(fromB.linked).toEqual([expect.objectContaining({ id: a.id, direction: 'incoming' })]);
    const fromA = await asMember.knowledge.related({ id: a.id });
    expect(fromA.suggested.some((s) => s.id === secret.id)).toBe(false);
    expect(fromA.suggested.some((s) => s.id === b.id)).toBe(false);
    await asMember.knowledge.unlink({ fromId: b.id, toId: a.id });
    expect((await asMember.knowledge.related({ id: a.id })).suggested[0]?.id).toBe(b.id);
    expect((await asOther.knowledge.related({ id: b.id })).suggested.some((s) => s.id === secret.id)).toBe(
      true,
    );
  });

  it('bulk-moves entries to an engagement and a category, all or nothing', async () => {
    const asAdmin = await callerAs(runtime, admin, org);
    const asMember = await callerAs(runtime, member, org);
    const engagement = await asAdmin.engagements.create({ name: 'Bulk move', clientName: 'Initech' });
    const category = await asAdmin.categories.create({ name: 'Bulk target' });
    const a = await asMember.knowledge.create({ title: 'Bulk A', categoryId: category.id });
    const b = await asMember.knowledge.create({ title: 'Bulk B' });
    await asMember.knowledge.bulk({
      ids: [a.id, b.id],
      action: { type: 'move', engagementId: engagement.id },
    });
    expect(await asMember.knowledge.byId({ id: a.id })).toMatchObject({
      engagementId: engagement.id,
      categoryId: category.id,
    });
    await asMember.knowledge.bulk({ ids: [a.id], action: { type: 'move', categoryId: null } });
    expect(await asMember.knowledge.byId({ id: a.id })).toMatchObject({
      engagementId: engagement.id,
      categoryId: null,
    });
    await expect(asMember.knowledge.bulk({ ids: [a.id], action: { type: 'move' } })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const missing = '00000000-0000-4000-8000-000000000000';
    await expect(
      asMember.knowledge.bulk({ ids: [b.id], action: { type: 'move', engagementId: missing } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await asMember.knowledge.byId({ id: b.id })).engagementId).toBe(engagement.id);
  });

  it('filters and sorts the knowledge list', async () => {
    const db = runtime.database.db;
    const org2 = (await createOrg(db)).id;
    const u1 = (await createMember(db, { orgId: org2, role: 'admin' })).user.id;
    const u2 = (await createMember(db, { orgId: org2 })).user.id;
    const api1 = await callerAs(runtime, u1, org2);
    const api2 = await callerAs(runtime, u2, org2);
    const engagement = await api1.engagements.create({
      name: 'Alpha',
      clientName: 'Acme',
      startDate: '2026-01-01',
    });
    await api1.knowledge.create({ title: 'Beta note', engagementId: engagement.id, tags: ['x'] });
    await api2.knowledge.create({ title: 'alpha decision', type: 'decision', tags: ['x', 'y'] });
    await api2.knowledge.create({ title: 'Gamma lesson', type: 'lesson' });
    const titles = async (input: Parameters<typeof api1.knowledge.list>[0]) =>
      (await api1.knowledge.list(input)).items.map((e) => e.title);
    expect(await titles({ sort: 'title' })).toEqual(['alpha decision', 'Beta note', 'Gamma lesson']);
    expect(await titles({ filters: { engagementIds: [engagement.id] } })).toEqual(['Beta note']);
    expect(
      await titles({ filters: { types: ['decision', 'lesson'] }, sort: 'title', order: 'desc' }),
    ).toEqual(['Gamma lesson', 'alpha decision']);
    expect(await titles({ filters: { authorIds: [u2] }, sort: 'title' })).toEqual([
      'alpha decision',
      'Gamma lesson',
    ]);
    const tags = await api1.tags.list();
    const y = tags.find((t) => t.name === 'y')?.id ?? '';
    const x = tags.find((t) => t.name === 'x')?.id ?? '';
    expect(await titles({ filters: { tagIds: [x, y], tagMatch: 'all' } })).toEqual(['alpha decision']);
    expect((await titles({ filters: { tagIds: [x, y] } })).length).toBe(2);
    expect(await titles({ filters: { from: new Date(Date.now() + 86_400_000) } })).toEqual([]);
    const page1 = await api1.knowledge.list({ sort: 'title', limit: 2 });
    const page2 = await api1.knowledge.list({ sort: 'title', limit: 2, cursor: page1.nextCursor });
    expect([...page1.items, ...page2.items].map((e) => e.title)).toEqual([
      'alpha decision',
      'Beta note',
      'Gamma lesson',
    ]);
    // tRPC's infinite queries add `direction: 'forward'` to the input; it must not clash with the sort order.
    const infinitePage = { sort: 'title', limit: 2, direction: 'forward' } as Parameters<
      typeof api1.knowledge.list
    >[0];
    expect((await api1.knowledge.list(infinitePage)).items.map((e) => e.title)).toEqual([
      'alpha decision',
      'Beta note',
    ]);
    expect(await titles({ filters: { sources: ['import'] } })).toEqual([]);
    expect((await titles({ filters: { sources: ['manual'] } })).length).toBe(3);
    await expect(
      api1.knowledge.list({ filters: { sources: ['carrier-pigeon' as 'api'] } }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const detail = await api1.engagements.byId({ id: engagement.id });
    expect(detail).toMatchObject({ clientName: 'Acme', startDate: '2026-01-01', entryCount: 1 });
    await expect(api1.engagements.update({ id: engagement.id, endDate: '2025-01-01' })).rejects.toMatchObject(
      { code: 'BAD_REQUEST' },
    );
    await api1.engagements.delete({ id: engagement.id });
    await expect(api1.engagements.byId({ id: engagement.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
