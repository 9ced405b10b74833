/**
 * Clerk mode end to end over HTTP, without internet: the real app (`startApp`) runs with the local
 * Clerk stand-in's keys (`local-clerk.ts`): session tokens are verified networklessly, users and
 * organizations arrive through svix-signed webhooks, as from Clerk.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppServer, startApp } from './app-server';
import { createLocalClerk, ISSUER } from './local-clerk';

const clerk = createLocalClerk();
const forgerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;

const clerkUserId = `user_${randomUUID().slice(0, 12)}`;
const email = `${clerkUserId}@clients.example`;
const orgA = { id: `org_${randomUUID().slice(0, 12)}`, name: 'Analytical Engines', slug: 'analytical' };
const orgB = { id: `org_${randomUUID().slice(0, 12)}`, name: 'Difference Partners', slug: 'difference' };

const mintToken = (opts: Omit<Parameters<typeof clerk.mintToken>[0], 'userId'> = {}) =>
  clerk.mintToken({ userId: clerkUserId, ...opts });

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

  const webhook = (event: unknown, secret?: string) => clerk.webhook(url(''), event, secret);

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
    app = await startApp(clerk.env);
    await clerk.provision(url(''), { id: clerkUserId, email, firstName: 'Ada', lastName: 'Lovelace' }, [
      orgA,
      orgB,
    ]);
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

describe('a production deployment that cannot boot', () => {
  it('stops with the reason instead of serving 500s', async () => {
    // Production with a database URL is a deployment, which must have its own session secret
    // (NODE_ENV is set: the test runner's NODE_ENV=test would otherwise reach the server).
    const start = startApp({
      ...clerk.env,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/consailt_unused',
    });
    const error = await start.then(
      async (app) => {
        await app.stop();
        return null;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toMatch(/app exited early/);
    expect(String(error)).toMatch(/\[consailt\] cannot start: .*SESSION_SECRET: required in production/);
  });
});
