import { createSign, generateKeyPairSync, type KeyObject, randomUUID } from 'node:crypto';
import { Webhook } from 'svix';

/**
 * Clerk without Clerk's servers, for tests and benchmarks that run the app in its Clerk mode: the
 * app is started with keys whose JWT key is a locally generated RSA public key, so Clerk's
 * middleware and the API verify session tokens networklessly; users and organizations arrive
 * through svix-signed webhooks, as from Clerk.
 *
 * The publishable key is a syntactically valid *production* key (`pk_live_`) for a host that does
 * not exist: a development key (`pk_test_`) makes Clerk's middleware redirect every page request
 * without a dev-browser cookie to the Frontend API first (a "handshake"), which needs Clerk's
 * servers. For the same reason a page request with an expired cookie is answered with a handshake
 * redirect; a real browser would refresh the token at the Frontend API, which is unreachable here,
 * so a browser session lasts as long as the token minted for it.
 */
export const FRONTEND_API = 'clerk.consailt.test';
export const ISSUER = `https://${FRONTEND_API}`;
export const WEBHOOK_SECRET = `whsec_${Buffer.from('consailt-e2e-webhook-secret-32by').toString('base64')}`;

export type ClerkUser = { id: string; email: string; firstName: string; lastName: string };
export type ClerkOrg = { id: string; name: string; slug: string };

export type LocalClerk = {
  /** The app's environment for Clerk mode (nothing may reach Clerk's Backend API). */
  env: Record<string, string>;
  /** A Clerk v2 session token (RS256) as Clerk's Frontend API issues it. */
  mintToken(opts: { userId: string; org?: string; exp?: number; iss?: string; key?: KeyObject }): {
    token: string;
    iat: number;
  };
  /** Posts one svix-signed webhook event to the app. */
  webhook(baseUrl: string, event: unknown, secret?: string): Promise<Response>;
  /** Creates the user and the organizations (the user an admin of each) the way Clerk does. */
  provision(baseUrl: string, user: ClerkUser, orgs: ClerkOrg[]): Promise<void>;
};

export function createLocalClerk(): LocalClerk {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

  const mintToken: LocalClerk['mintToken'] = (opts) => {
    const now = Math.floor(Date.now() / 1000);
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'ins_e2e' });
    const payload = b64({
      v: 2,
      iss: opts.iss ?? ISSUER,
      sub: opts.userId,
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
  };

  const webhook: LocalClerk['webhook'] = (baseUrl, event, secret = WEBHOOK_SECRET) => {
    const body = JSON.stringify(event);
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    return fetch(`${baseUrl}/api/webhooks/clerk`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'svix-id': id,
        'svix-timestamp': String(Math.floor(at.getTime() / 1000)),
        'svix-signature': new Webhook(secret).sign(id, at, body),
      },
      body,
    });
  };

  const provision: LocalClerk['provision'] = async (baseUrl, user, orgs) => {
    const events: unknown[] = [
      {
        type: 'user.created',
        data: {
          id: user.id,
          email_addresses: [{ id: 'e1', email_address: user.email }],
          primary_email_address_id: 'e1',
          first_name: user.firstName,
          last_name: user.lastName,
        },
      },
      ...orgs.map((org) => ({ type: 'organization.created', data: org })),
      ...orgs.map((org) => ({
        type: 'organizationMembership.created',
        data: {
          id: `orgmem_${org.id}`,
          role: 'org:admin',
          organization: org,
          public_user_data: {
            user_id: user.id,
            identifier: user.email,
            first_name: user.firstName,
            last_name: user.lastName,
          },
        },
      })),
    ];
    for (const event of events) {
      const res = await webhook(baseUrl, event);
      if (res.status !== 200) {
        throw new Error(
          `Clerk webhook ${(event as { type: string }).type}: ${res.status} ${await res.text()}`,
        );
      }
    }
  };

  return {
    env: {
      CLERK_SECRET_KEY: 'sk_live_consailt_e2e_not_a_real_key',
      NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: `pk_live_${Buffer.from(`${FRONTEND_API}$`).toString('base64')}`,
      CLERK_JWT_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      CLERK_ISSUER: ISSUER,
      CLERK_WEBHOOK_SECRET: WEBHOOK_SECRET,
      // Nothing may reach Clerk's Backend API from here: a closed local port fails fast instead.
      CLERK_API_URL: 'http://127.0.0.1:9',
    },
    mintToken,
    webhook,
    provision,
  };
}
