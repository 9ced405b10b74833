import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { organizations } from '@consailt/db';
import { createMember, createOrg, createUser } from '@consailt/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runtime } from '../../runtime';
import { callerAs, createTestRuntime } from '../../testing';

type Seen = { method: string; path: string; body: Record<string, unknown> };

// Clerk ids are unique per run: the shared test database keeps rows from earlier runs.
const RUN = randomUUID().slice(0, 8);
const id = (prefix: string) => `${prefix}_${RUN}`;

/** A local server speaking the parts of Clerk's Backend API the mirror uses (JSON over /v1). */
function startFakeClerk() {
  const seen: Seen[] = [];
  let failNext: number | null = null;
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => {
      raw += c;
    });
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = (req.url ?? '').split('?')[0] ?? '';
      seen.push({ method: req.method ?? '', path, body });
      const reply = (status: number, json: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(json));
      };
      if (failNext) {
        const status = failNext;
        failNext = null;
        return reply(status, {
          errors: [
            { code: 'form_param_invalid', message: 'rejected by Clerk', long_message: 'rejected by Clerk' },
          ],
        });
      }
      const org = {
        object: 'organization',
        id: id('org1'),
        name: body.name ?? 'Org',
        slug: 'org',
        members_count: 1,
        created_at: 0,
        updated_at: 0,
        public_metadata: {},
        private_metadata: {},
      };
      if (req.method === 'GET' && path.endsWith('/invitations')) {
        return reply(200, {
          data: [
            {
              object: 'organization_invitation',
              id: 'orginv_1',
              email_address: 'pending@example.test',
              role: 'org:member',
              status: 'pending',
              organization_id: id('org1'),
              created_at: 0,
              updated_at: 0,
              public_metadata: {},
              private_metadata: {},
            },
          ],
          total_count: 1,
        });
      }
      if (path.includes('/invitations')) {
        return reply(200, {
          object: 'organization_invitation',
          id: 'orginv_1',
          email_address: body.email_address ?? '',
          role: body.role ?? 'org:member',
          status: 'pending',
          organization_id: id('org1'),
          created_at: 0,
          updated_at: 0,
          public_metadata: {},
          private_metadata: {},
        });
      }
      if (path.includes('/memberships')) {
        return reply(200, {
          object: 'organization_membership',
          id: 'orgmem_1',
          role: body.role ?? 'org:member',
          organization: org,
          public_user_data: { user_id: 'user_x', identifier: 'x@example.test' },
          created_at: 0,
          updated_at: 0,
          public_metadata: {},
          private_metadata: {},
        });
      }
      return reply(200, org);
    });
  });
  return {
    server,
    seen,
    fail: (status: number) => {
      failNext = status;
    },
  };
}

describe('mirroring organization management to Clerk', () => {
  let runtime: Runtime;
  let fake: ReturnType<typeof startFakeClerk>;
  let server: Server;

  beforeAll(async () => {
    fake = startFakeClerk();
    server = fake.server;
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    runtime = await createTestRuntime({
      env: {
        CLERK_SECRET_KEY: 'sk_test_fake',
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_fake',
        CLERK_API_URL: `http://127.0.0.1:${port}`,
      },
    });
  });
  afterAll(async () => {
    await runtime?.close();
    await new Promise((r) => server.close(r));
  });

  it('creates and renames the organization in Clerk first, and stores its Clerk id', async () => {
    const user = await createUser(runtime.database.db, { clerkUserId: id('userowner1') });
    const api = await callerAs(runtime, user.id);
    const org = await api.orgs.create({ name: 'Mirror Co' });
    expect(fake.seen.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/organizations',
      body: { name: 'Mirror Co', created_by: id('userowner1') },
    });
    const [row] = await runtime.database.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(row?.clerkOrgId).toBe(id('org1'));
    await (await callerAs(runtime, user.id, org.id)).orgs.rename({ name: 'Mirror Ltd' });
    expect(fake.seen.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/v1/organizations/${id('org1')}`,
      body: { name: 'Mirror Ltd' },
    });
  });

  it('mirrors invitations, role changes and removals with Clerk role keys', async () => {
    const db = runtime.database.db;
    const orgId = (await createOrg(db, { clerkOrgId: id('org2') })).id;
    const owner = (await createMember(db, { orgId, role: 'owner', user: { clerkUserId: id('usero2') } })).user
      .id;
    const member = (await createMember(db, { orgId, role: 'member', user: { clerkUserId: id('userm2') } }))
      .user.id;
    const api = await callerAs(runtime, owner, orgId);

    const { invitation } = await api.invitations.create({ email: 'pending@example.test', role: 'viewer' });
    expect(fake.seen.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v1/organizations/${id('org2')}/invitations`,
      body: { email_address: 'pending@example.test', role: 'org:viewer', inviter_user_id: id('usero2') },
    });
    await api.invitations.revoke({ id: invitation.id });
    expect(fake.seen.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v1/organizations/${id('org2')}/invitations/orginv_1/revoke`,
    });

    await api.members.changeRole({ userId: member, role: 'admin' });
    expect(fake.seen.at(-1)).toMatchObject({
      method: 'PATCH',
      path: `/v1/organizations/${id('org2')}/memberships/${id('userm2')}`,
      body: { role: 'org:admin' },
    });
    await api.members.remove({ userId: member });
    expect(fake.seen.at(-1)).toMatchObject({
      method: 'DELETE',
      path: `/v1/organizations/${id('org2')}/memberships/${id('userm2')}`,
    });
  });

  it('changes nothing locally when Clerk refuses', async () => {
    const db = runtime.database.db;
    const orgId = (await createOrg(db, { clerkOrgId: id('org3') })).id;
    const owner = (await createMember(db, { orgId, role: 'owner', user: { clerkUserId: id('usero3') } })).user
      .id;
    const member = (await createMember(db, { orgId, role: 'member', user: { clerkUserId: id('userm3') } }))
      .user.id;
    const api = await callerAs(runtime, owner, orgId);
    fake.fail(422);
    await expect(api.members.changeRole({ userId: member, role: 'viewer' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Clerk: rejected by Clerk',
    });
    expect((await api.members.list()).find((m) => m.userId === member)?.role).toBe('member');
  });
});
