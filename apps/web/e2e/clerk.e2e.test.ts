/**
 * Clerk mode end to end over HTTP, without internet: the real app (`startApp`) runs with Clerk keys
 * whose JWT key is a locally generated RSA public key, so Clerk's middleware and the API verify session
 * tokens networklessly; users and organizations arrive through svix-signed webhooks, as from Clerk.
 *
 * The publishable key is a syntactically valid *production* key (`pk_live_`) for a host that does not
 * exist: a development key (`pk_test_`) makes Clerk's middleware redirect every page request without a
 * dev-browser cookie to the Frontend API first (a "handshake"), which needs Clerk's servers. For the
 * same reason a page request with an expired cookie is answered with a handshake redirect, not a page;
 * a real browser then refreshes the token at Clerk's Frontend API, which this test cannot reach.
 */
import { createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { Webhook } from 'svix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startApp } from './app-server';

const FRONTEND_API = 'clerk.consailt.test';
const ISSUER = `https://${FRONTEND_API}`;
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const forgerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
const WEBHOOK_SECRET = `whsec_${Buffer.from('consailt-e2e-webhook-secret-32by').toString('base64')}`;

const clerkUserId = `user_${randomUUID().slice(0, 12)}`;
const email = `${clerkUserId}@clients.example`;
const orgA = { id: `org_${randomUUID().slice(0, 12)}`, name: 'Analytical Engines', slug: 'analytical' };
const orgB = { id: `org_${randomUUID().slice(0, 12)}`, name: 'Difference Partners', slug: 'difference' };

/** A Clerk v2 session token (RS256) as Clerk's Frontend API issues it. */
function mintToken(opts: { org?: string; exp?: number; iss?: string; key?: typeof privateKey } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'ins_e2e' });
  const payload = b64({
    v: 2,
    iss: opts.iss ?? ISSUER,
    sub: clerkUserId,
    sid: `sess_${randomUUID().slice(0, 12)}`,
    azp: 'http://127.0.0.1',
    iat: now - 5,
    nbf: now - 5,
    exp: opts.exp ?? now + 60,
    fva: [0, -1],
    ...(opts.org ? { o: { id: opts.org, rol: 'admin', slg: 'x' }, org_id: opts.org } : {}),
  });
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${payload}`)
    .sign(opts.key ?? privateKey)
    .toString('base64url');
  return { token: `${header}.${payload}.${signature}`, iat: now - 5 };
}

describe('Clerk mode (end to end, HTTP)', () => {
  let app: AppServer | null = null;

  const url = (path: string) => {
    if (!app) throw new Error('app not started');
    return `${app.url}${path}`;
  };

  /** A tRPC query over HTTP; returns the status and the decoded body. */
  async function trpc(path: string, headers: Record<string, string> = {}) {
    const res = await fetch(url(`/api/trpc/${path}`), { headers });
    const body = (await res.json()) as {
      result?: { data: { json: Record<string, unknown> } };
      error?: { json: { message: string } };
    };
    return { status: res.status, data: body.result?.data.json, error: body.error?.json.message };
  }

  async function webhook(event: unknown, secret = WEBHOOK_SECRET) {
    const body = JSON.stringify(event);
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    return fetch(url('/api/webhooks/clerk'), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'svix-id': id,
        'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
        'svix-signature': new Webhook(secret).sign(id, at, body),
      },
      body,
    });
  }

  /** A browser navigation (Clerk only redirects document requests). */
  function page(path: string, cookie?: string) {
    return fetch(url(path), {
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        'sec-fetch-dest': 'document',
        'sec-fetch-mode': 'navigate',
        ...(cookie ? { cookie } : {}),
      },
    });
  }

  beforeAll(async () => {
    app = await startApp({
      CLERK_SECRET_KEY: 'sk_live_consailt_e2e_not_a_real_key',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from(`${FRONTEND_API}$`).toString('base64')}`,
      CLERK_JWT_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      CLERK_ISSUER: ISSUER,
      CLERK_WEBHOOK_SECRET: WEBHOOK_SECRET,
      // Nothing may reach Clerk's Backend API from here: a closed local port fails fast instead.
      CLERK_API_URL: 'http://127.0.0.1:9',
    });
    // Provision the user and two organizations the way Clerk does: signed webhooks.
    const membership = (org: typeof orgA) => ({
      type: 'organizationMembership.created',
      data: {
        id: `orgmem_${org.id}`,
        role: 'org:admin',
        organization: org,
        public_user_data: {
          user_id: clerkUserId,
          identifier: email,
          first_name: 'Ada',
          last_name: 'Lovelace',
        },
      },
    });
    for (const event of [
      {
        type: 'user.created',
        data: {
          id: clerkUserId,
          email_addresses: [{ id: 'e1', email_address: email }],
          primary_email_address_id: 'e1',
          first_name: 'Ada',
          last_name: 'Lovelace',
        },
      },
      { type: 'organization.created', data: orgA },
      { type: 'organization.created', data: orgB },
      membership(orgA),
      membership(orgB),
    ]) {
      const res = await webhook(event);
      expect(res.status, `${event.type}: ${await res.clone().text()}`).toBe(200);
    }
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('redirects a signed-out visitor from the dashboard to sign-in', async () => {
    for (const path of ['/', '/settings/api-keys']) {
      const res = await page(path);
      expect(res.status, path).toBeGreaterThanOrEqual(300);
      expect(res.status, path).toBeLessThan(400);
      const location = new URL(res.headers.get('location') ?? '', url('/'));
      expect(location.pathname).toBe('/sign-in');
      expect(location.searchParams.get('redirect_url')).toContain(path);
    }
  });

  it("serves Clerk's sign-in page, and neither the demo users nor development sign-in", async () => {
    const res = await page('/sign-in');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="clerk-sign-in"');
    expect(html).not.toContain('Sign in as');
    expect(html).not.toContain('Development sign-in');

    expect((await trpc('auth.demoUsers')).status).toBe(403);
    const signIn = await fetch(url('/api/dev/sign-in'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json', origin: url('') },
      body: JSON.stringify({ userId: randomUUID() }),
    });
    expect(signIn.status).toBe(403);
    expect(signIn.headers.get('set-cookie') ?? '').not.toContain('consailt_session');
  });

  it('answers 401 to API calls without a session', async () => {
    const res = await trpc('orgs.current');
    expect(res.status).toBe(401);
    // Public procedures still answer, signed out.
    const session = await trpc('auth.session');
    expect(session.status).toBe(200);
    expect(session.data).toMatchObject({ user: null, devSignIn: false });
  });

  it('accepts a Clerk session token as a bearer token, in the organization the session has active', async () => {
    for (const org of [orgA, orgB]) {
      const auth = { authorization: `Bearer ${mintToken({ org: org.id }).token}` };
      const session = await trpc('auth.session', auth);
      expect(session.data).toMatchObject({
        user: { email, name: 'Ada Lovelace' },
        org: { name: org.name },
        role: 'admin',
      });
      const current = await trpc('orgs.current', auth);
      expect(current.status).toBe(200);
      expect(current.data).toMatchObject({ name: org.name });
    }
  });

  it('renders the dashboard for the __session cookie, with the organization from the token', async () => {
    const { token, iat } = mintToken({ org: orgB.id });
    const res = await page('/', `__session=${token}; __client_uat=${iat}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(orgB.name);
    expect(html).toContain('data-testid="clerk-user-button"');
    expect(html).toContain('data-testid="clerk-org-switcher"');
    // No development banner or dev user menu in Clerk mode.
    expect(html).not.toContain('Development sign-in');
  });

  it('rejects expired, wrong-issuer and forged tokens with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    const bad = {
      expired: mintToken({ org: orgA.id, exp: now - 120 }).token,
      wrongIssuer: mintToken({ org: orgA.id, iss: 'https://clerk.evil.example' }).token,
      forged: mintToken({ org: orgA.id, key: forgerKey }).token,
      garbage: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
    };
    for (const [name, token] of Object.entries(bad)) {
      const res = await trpc('orgs.current', { authorization: `Bearer ${token}` });
      expect(res.status, name).toBe(401);
      expect(res.error, name).toBe('Invalid or expired session');
      // The cookie carries the same verdict.
      const viaCookie = await trpc('orgs.current', {
        cookie: `__session=${token}; __client_uat=${now - 200}`,
      });
      expect(viaCookie.status, `${name} (cookie)`).toBe(401);
    }
  });

  it('never renders the dashboard for an expired or forged cookie', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const token of [
      mintToken({ org: orgA.id, exp: now - 120 }).token,
      mintToken({ org: orgA.id, key: forgerKey }).token,
    ]) {
      const res = await page('/', `__session=${token}; __client_uat=${now - 200}`);
      // Signed out (sign-in) or a handshake redirect to Clerk's Frontend API to refresh the token.
      expect(res.status).toBeGreaterThanOrEqual(300);
      expect(res.status).toBeLessThan(400);
      const location = new URL(res.headers.get('location') ?? '', url('/'));
      expect([`${ISSUER}`, url('')].some((origin) => location.origin === new URL(origin).origin)).toBe(true);
      await res.body?.cancel();
    }
  });

  it('rejects webhooks with a bad signature', async () => {
    const res = await webhook(
      { type: 'user.created', data: { id: 'user_x' } },
      `whsec_${Buffer.from('another-secret-entirely-32-bytes').toString('base64')}`,
    );
    expect(res.status).toBe(400);
  });
});
