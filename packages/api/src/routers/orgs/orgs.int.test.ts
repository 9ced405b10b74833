import { auditLog, invitations, memberships, organizations, users } from '@consailt/db';
import { createMember, createOrg, createUser } from '@consailt/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { callerAs, createTestRuntime } from '../../testing';

describe('organizations, members and invitations', () => {
  let runtime: Runtime;
  let orgId: string;
  let owner: string;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    runtime = await createTestRuntime();
    const db = runtime.database.db;
    orgId = (await createOrg(db)).id;
    owner = (await createMember(db, { orgId, role: 'owner' })).user.id;
    admin = (await createMember(db, { orgId, role: 'admin' })).user.id;
    member = (await createMember(db, { orgId, role: 'member' })).user.id;
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('creates an organization with the creator as owner, and renames it', async () => {
    const user = await createUser(runtime.database.db);
    const api = await callerAs(runtime, user.id);
    const org = await api.orgs.create({ name: 'Acme Advisory' });
    expect(org.name).toBe('Acme Advisory');
    expect(await api.orgs.mine()).toEqual([{ ...org, role: 'owner' }]);
    const inOrg = await callerAs(runtime, user.id, org.id);
    expect((await inOrg.orgs.rename({ name: 'Acme Partners' })).name).toBe('Acme Partners');
    await expect(inOrg.orgs.rename({ name: ' ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const audit = await inOrg.audit.list({ limit: 10 });
    expect(audit.items.map((a) => a.action)).toEqual(['org.renamed', 'org.created']);
    // Action filters are literal prefixes: `_` and `%` are not wildcards.
    expect((await inOrg.audit.list({ action: 'org.ren' })).items.map((a) => a.action)).toEqual([
      'org.renamed',
    ]);
    expect((await inOrg.audit.list({ action: 'org_' })).items).toEqual([]);
  });

  it('lets only owners grant or remove the owner role', async () => {
    const asAdmin = await callerAs(runtime, admin, orgId);
    await expect(asAdmin.members.changeRole({ userId: member, role: 'owner' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(asAdmin.members.changeRole({ userId: owner, role: 'member' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await asAdmin.members.changeRole({ userId: member, role: 'viewer' })).toEqual({
      userId: member,
      role: 'viewer',
    });
    await asAdmin.members.changeRole({ userId: member, role: 'member' });
  });

  it('always keeps at least one owner', async () => {
    const db = runtime.database.db;
    const org = (await createOrg(db)).id;
    const solo = (await createMember(db, { orgId: org, role: 'owner' })).user.id;
    const api = await callerAs(runtime, solo, org);
    await expect(api.members.changeRole({ userId: solo, role: 'admin' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'An organization must keep at least one owner',
    });
    await expect(api.members.leave()).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(api.members.remove({ userId: solo })).rejects.toMatchObject({ code: 'CONFLICT' });
    // With a second owner, the first may step down.
    const second = (await createMember(db, { orgId: org, role: 'owner' })).user.id;
    await api.members.changeRole({ userId: solo, role: 'admin' });
    const rows = await db.select().from(memberships).where(eq(memberships.orgId, org));
    expect(rows.find((r) => r.userId === second)?.role).toBe('owner');
    expect(rows.find((r) => r.userId === solo)?.role).toBe('admin');
  });

  it('removes a member and records who did it, from where', async () => {
    const db = runtime.database.db;
    const leaving = (await createMember(db, { orgId, role: 'viewer' })).user.id;
    const api = await callerAs(runtime, admin, orgId);
    await api.members.remove({ userId: leaving });
    expect((await api.members.list()).some((m) => m.userId === leaving)).toBe(false);
    const [row] = await db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'member.removed'), eq(auditLog.targetId, leaving)),
      );
    expect(row).toMatchObject({ actorType: 'user', actorUserId: admin, targetType: 'user' });
  });

  it('invites by email with a single-use token that the invitee accepts', async () => {
    const db = runtime.database.db;
    const invitee = await createUser(db, { email: `Invitee-${Date.now()}@Example.test` });
    const api = await callerAs(runtime, admin, orgId);
    const { token, invitation } = await api.invitations.create({ email: invitee.email, role: 'member' });
    expect(invitation.status).toBe('pending');
    expect(invitation.email).toBe(invitee.email.toLowerCase());
    const stored = await db.select().from(invitations).where(eq(invitations.id, invitation.id));
    expect(stored[0]?.tokenHash).not.toContain(token);

    const asInvitee = await callerAs(runtime, invitee.id);
    expect(await asInvitee.invitations.accept({ token })).toEqual({ orgId, role: 'member' });
    await expect(asInvitee.invitations.accept({ token })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await api.invitations.list()).find((i) => i.id === invitation.id)?.status).toBe('accepted');
    await expect(api.invitations.create({ email: invitee.email })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses expired, revoked and mis-addressed invitations', async () => {
    const db = runtime.database.db;
    const api = await callerAs(runtime, admin, orgId);
    const target = await createUser(db);
    const stranger = await createUser(db);

    const wrong = await api.invitations.create({ email: target.email });
    await expect(
      (await callerAs(runtime, stranger.id)).invitations.accept({ token: wrong.token }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });

    const revoked = await api.invitations.create({ email: target.email });
    await api.invitations.revoke({ id: revoked.invitation.id });
    await expect(
      (await callerAs(runtime, target.id)).invitations.accept({ token: revoked.token }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const expired = await api.invitations.create({ email: target.email });
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expired.invitation.id));
    await expect(
      (await callerAs(runtime, target.id)).invitations.accept({ token: expired.token }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await api.invitations.list()).find((i) => i.id === expired.invitation.id)?.status).toBe(
      'expired',
    );
  });

  it('previews an invitation without accepting it, and says why one cannot be used', async () => {
    const db = runtime.database.db;
    const api = await callerAs(runtime, admin, orgId);
    const target = await createUser(db);
    const anonymous = await callerAs(runtime, null);
    const { token, invitation } = await api.invitations.create({ email: target.email, role: 'viewer' });

    const preview = await anonymous.invitations.preview({ token });
    const [org] = await db.select().from(organizations).where(eq(organizations.id, orgId));
    const [inviter] = await db.select().from(users).where(eq(users.id, admin));
    expect(preview).toEqual({
      orgName: org?.name,
      inviterName: inviter?.name,
      role: 'viewer',
      expiresAt: invitation.expiresAt,
    });
    // Nothing beyond that: no invited address, no ids.
    expect(JSON.stringify(preview)).not.toContain(target.email);
    expect(JSON.stringify(preview)).not.toContain(orgId);
    // Previewing spends nothing.
    expect((await api.invitations.list()).find((i) => i.id === invitation.id)?.status).toBe('pending');

    await expect(anonymous.invitations.preview({ token: 'x'.repeat(32) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Invitation not found',
    });
    await expect(anonymous.invitations.preview({ token: 'short' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });

    await (await callerAs(runtime, target.id)).invitations.accept({ token });
    await expect(anonymous.invitations.preview({ token })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'This invitation has already been used',
    });
    const revoked = await api.invitations.create({ email: (await createUser(db)).email });
    await api.invitations.revoke({ id: revoked.invitation.id });
    await expect(anonymous.invitations.preview({ token: revoked.token })).rejects.toMatchObject({
      message: 'This invitation has been revoked',
    });
    const expired = await api.invitations.create({ email: (await createUser(db)).email });
    await db
      .update(invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(invitations.id, expired.invitation.id));
    await expect(anonymous.invitations.preview({ token: expired.token })).rejects.toMatchObject({
      message: 'This invitation has expired',
    });
  });

  it('lets only owners invite owners', async () => {
    const api = await callerAs(runtime, admin, orgId);
    await expect(api.invitations.create({ email: 'boss@example.test', role: 'owner' })).rejects.toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    const asOwner = await callerAs(runtime, owner, orgId);
    expect(
      (await asOwner.invitations.create({ email: 'boss@example.test', role: 'owner' })).invitation.role,
    ).toBe('owner');
  });

  it('writes nothing, audit included, when an action fails half-way', async () => {
    const db = runtime.database.db;
    const before = await db.$count(auditLog, eq(auditLog.orgId, orgId));
    const api = await callerAs(runtime, member, orgId);
    await expect(api.invitations.create({ email: 'x@example.test' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await db.$count(auditLog, eq(auditLog.orgId, orgId))).toBe(before);
  });
});
