import { verifyToken } from '@clerk/backend';
import type { ApiEnv } from '../env';
import { parseAuthorizedParties } from './clerk-env';

export type ClerkClaims = { clerkUserId: string; clerkOrgId: string | null };

/** Session token from the `__session` cookie or a `Bearer <jwt>` header (API keys start with csk_). */
export function extractClerkToken(headers: Headers, cookie: string | null): string | null {
  const bearer = /^Bearer\s+(eyJ\S+)$/i.exec(headers.get('authorization') ?? '')?.[1];
  return bearer ?? cookie;
}

/**
 * Verify a Clerk session token with the real Clerk SDK. With CLERK_JWT_KEY set this is
 * networkless (the PEM public key checks the RS256 signature); otherwise Clerk's JWKS is fetched.
 * Expired, not-yet-valid, wrong-issuer, unauthorized-party and forged tokens all return null.
 */
export async function verifyClerkSession(token: string, env: ApiEnv): Promise<ClerkClaims | null> {
  let claims: Record<string, unknown>;
  try {
    // Throws on any failure: signature, expiry, nbf, issuer, authorized party.
    claims = (await verifyToken(token, {
      jwtKey: env.CLERK_JWT_KEY,
      secretKey: env.CLERK_JWT_KEY ? undefined : env.CLERK_SECRET_KEY,
      apiUrl: env.CLERK_API_URL,
      issuer: env.CLERK_ISSUER,
      authorizedParties: parseAuthorizedParties(env.CLERK_AUTHORIZED_PARTIES),
    })) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (typeof claims.sub !== 'string') return null;
  // Session token v2 carries the active organization as `o.id`; v1 as `org_id`.
  const o = claims.o as { id?: unknown } | undefined;
  const orgId = typeof o?.id === 'string' ? o.id : typeof claims.org_id === 'string' ? claims.org_id : null;
  return { clerkUserId: claims.sub, clerkOrgId: orgId };
}
