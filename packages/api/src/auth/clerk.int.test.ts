import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { auditLog, memberships, organizations, users } from '@consailt/db';
import { createMember, createOrg } from '@consailt/db/testing';
import { eq } from 'drizzle-orm';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTRPCContext } from '../context';
import { handleClerkWebhookRequest } from '../http/clerk-webhook';
import { createCaller } from '../routers/app-router';
import { type Runtime, setRuntimeForTests } from '../runtime';
import { createTestRuntime } from '../testing';
import { verifyClerkSession } from './clerk-session';

const ISSUER = 'https://clerk.consailt.test';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const JWT_KEY = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const WEBHOOK_SECRET = `whsec_${Buffer.from('consailt-webhook-test-secret-32b').toString('base64')}`;

/** A Clerk-shaped RS256 session token minted with a local key. */
function mintToken(claims: Record<string, unknown>, key = privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'ins_test' });
  const payload = b64({
    iss: ISSUER,
    iat: now - 5,
    nbf: now - 5,
    exp: now + 60,
    sid: 'sess_1',
    v: 2,
    ...claims,
  });
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

function webhookRequest(event: unknown, opts: { at?: Date; secret?: string; id?: string } = {}) {
  const body = JSON.stringify(event);
  const id = opts.id ?? `msg_${randomUUID()}`;
  const at = opts.at ?? new Date();
  const signature = new Webhook(opts.secret ?? WEBHOOK_SECRET).sign(id, at, body);
  return new Request('http://test/api/webhooks/clerk', {
    method: 'POST',
    headers: {
      'svix-id': id,
      'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
      'svix-signature': signature,
    },
    body,
  });
}

describe('Clerk authentication', () => {
  let runtime: Runtime;
  const clerkUserId = `user_${randomUUID().slice(0, 8)}`;
  const clerkOrgId = `org_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    runtime = await createTestRuntime({
      env: {
        CLERK_SECRET_KEY: 'sk_test_consailt',
        NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: 'pk_test_consailt',
        CLERK_JWT_KEY: JWT_KEY,
        CLERK_ISSUER: ISSUER,
        CLERK_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    });
    setRuntimeForTests(runtime);
  });
  afterAll(async () => {
    setRuntimeForTests(null);
    await runtime?.close();
  });

  it('verifies session tokens networklessly through the Clerk SDK', async () => {
    expect(await verifyClerkSession(mintToken({ sub: 'user_a', o: { id: 'org_a' } }), runtime.env)).toEqual({
      clerkUserId: 'user_a',
      clerkOrgId: 'org_a',
    });
    expect(await verifyClerkSession(mintToken({ sub: 'user_a', org_id: 'org_v1' }), runtime.env)).toEqual({
      clerkUserId: 'user_a',
      clerkOrgId: 'org_v1',
    });
  });

  it('rejects expired, wrong-issuer and forged tokens', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = mintToken({ sub: 'user_a', iat: now - 600, nbf: now - 600, exp: now - 300 });
    const wrongIssuer = mintToken({ sub: 'user_a', iss: 'https://evil.example' });
    const forged = mintToken({ sub: 'user_a' }, otherKey);
    const tampered = mintToken({ sub: 'user_a' }).replace(
      /\.[^.]+\./,
      `.${Buffer.from(JSON.stringify({ sub: 'user_admin', iss: ISSUER, exp: now + 60 })).toString('base64url')}.`,
    );
    for (const token of [expired, wrongIssuer, forged, tampered, 'eyJnot.a.jwt']) {
      expect(await verifyClerkSession(token, runtime.env), token.slice(0, 20)).toBeNull();
    }
  });

  it('answers 401 for a bad token and authenticates a synced user with the org from the token', async () => {
    const db = runtime.database.db;
    const org = await createOrg(db, { clerkOrgId });
    const { user } = await createMember(db, { orgId: org.id, role: 'admin', user: { clerkUserId } });

    const bad = await createTRPCContext({
      headers: new Headers({ cookie: `__session=${mintToken({ sub: clerkUserId }, otherKey)}` }),
    });
    await expect(createCaller(bad).knowledge.list({})).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
      message: 'Invalid or expired session',
    });

    const ctx = await createTRPCContext({
      headers: new Headers({
        authorization: `Bearer ${mintToken({ sub: clerkUserId, o: { id: clerkOrgId } })}`,
      }),
    });
    expect(ctx.principal).toMatchObject({ kind: 'user', via: 'clerk', user: { id: user.id } });
    expect(ctx.devSignIn).toBe(false);
    expect(await createCaller(ctx).orgs.current()).toMatchObject({ id: org.id });
  });

  it('syncs users, organizations and memberships from signed webhooks, idempotently', async () => {
    const db = runtime.database.db;
    const uid = `user_${randomUUID().slice(0, 8)}`;
    const oid = `org_${randomUUID().slice(0, 8)}`;
    const email = `${uid}@clients.example`;
    const userEvent = {
      type: 'user.created',
      data: {
        id: uid,
        email_addresses: [{ id: 'e1', email_address: email }],
        primary_email_address_id: 'e1',
        first_name: 'Ada',
        last_name: 'Lovelace',
      },
    };
    const orgEvent = {
      type: 'organization.created',
      data: { id: oid, name: 'Analytical Engines', slug: 'analytical' },
    };
    const membership = (role: string) => ({
      id: 'orgmem_1',
      role,
      organization: { id: oid, name: 'Analytical Engines', slug: 'analytical' },
      public_user_data: { user_id: uid, identifier: email, first_name: 'Ada', last_name: 'Lovelace' },
    });

    for (const event of [
      userEvent,
      orgEvent,
      { type: 'organizationMembership.created', data: membership('org:admin') },
    ]) {
      const res = await handleClerkWebhookRequest(webhookRequest(event));
      expect(res.status, event.type).toBe(200);
    }
    const [user] = await db.select().from(users).where(eq(users.clerkUserId, uid));
    expect(user).toMatchObject({ email, name: 'Ada Lovelace' });
    const [org] = await db.select().from(organizations).where(eq(organizations.clerkOrgId, oid));
    expect(org?.name).toBe('Analytical Engines');
    const rows = await db
      .select()
      .from(memberships)
      .where(eq(memberships.orgId, org?.id ?? ''));
    expect(rows.map((r) => r.role)).toEqual(['admin']);

    // Redelivery of the same events changes nothing.
    const auditBefore = await db.$count(auditLog, eq(auditLog.orgId, org?.id ?? ''));
    for (const event of [
      userEvent,
      orgEvent,
      { type: 'organizationMembership.created', data: membership('org:admin') },
    ]) {
      expect((await handleClerkWebhookRequest(webhookRequest(event))).status).toBe(200);
    }
    expect(await db.$count(users, eq(users.clerkUserId, uid))).toBe(1);
    expect(await db.$count(memberships, eq(memberships.orgId, org?.id ?? ''))).toBe(1);
    expect(await db.$count(auditLog, eq(auditLog.orgId, org?.id ?? ''))).toBe(auditBefore);

    await handleClerkWebhookRequest(
      webhookRequest({ type: 'organizationMembership.updated', data: membership('org:member') }),
    );
    expect(
      (
        await db
          .select()
          .from(memberships)
          .where(eq(memberships.orgId, org?.id ?? ''))
      )[0]?.role,
    ).toBe('member');
    await handleClerkWebhookRequest(
      webhookRequest({ type: 'user.updated', data: { ...userEvent.data, first_name: 'Augusta' } }),
    );
    expect((await db.select().from(users).where(eq(users.clerkUserId, uid)))[0]?.name).toBe(
      'Augusta Lovelace',
    );
    await handleClerkWebhookRequest(
      webhookRequest({ type: 'organizationMembership.deleted', data: membership('org:member') }),
    );
    expect(await db.$count(memberships, eq(memberships.orgId, org?.id ?? ''))).toBe(0);
    await handleClerkWebhookRequest(
      webhookRequest({ type: 'organization.updated', data: { id: oid, name: 'Engines Ltd' } }),
    );
    expect((await db.select().from(organizations).where(eq(organizations.clerkOrgId, oid)))[0]?.name).toBe(
      'Engines Ltd',
    );
    await handleClerkWebhookRequest(
      webhookRequest({ type: 'organization.deleted', data: { id: oid, deleted: true } }),
    );
    expect(await db.$count(organizations, eq(organizations.clerkOrgId, oid))).toBe(0);
    await handleClerkWebhookRequest(
      webhookRequest({ type: 'user.deleted', data: { id: uid, deleted: true } }),
    );
    expect(await db.$count(users, eq(users.clerkUserId, uid))).toBe(0);
  });

  it('rejects bad and replayed signatures with 400 and changes nothing', async () => {
    const db = runtime.database.db;
    const uid = `user_${randomUUID().slice(0, 8)}`;
    const event = {
      type: 'user.created',
      data: { id: uid, email_addresses: [{ id: 'e', email_address: `${uid}@x.test` }] },
    };
    const wrongSecret = `whsec_${Buffer.from('another-secret-another-secret-32').toString('base64')}`;
    const replayed = webhookRequest(event, { at: new Date(Date.now() - 30 * 60_000) });
    const badSig = webhookRequest(event, { secret: wrongSecret });
    const unsigned = new Request('http://test/api/webhooks/clerk', {
      method: 'POST',
      body: JSON.stringify(event),
    });
    for (const req of [replayed, badSig, unsigned]) {
      const res = await handleClerkWebhookRequest(req);
      expect(res.status).toBe(400);
    }
    const garbage = await handleClerkWebhookRequest(
      webhookRequest({ type: 'user.created', data: { nope: true } }),
    );
    expect(garbage.status).toBe(400);
    expect(await db.$count(users, eq(users.clerkUserId, uid))).toBe(0);
  });
});
