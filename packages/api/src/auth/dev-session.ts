import { createHmac, timingSafeEqual } from 'node:crypto';

export { DEV_SESSION_COOKIE } from './constants';

const MAX_AGE_SECONDS = 7 * 24 * 3600;

type SessionClaims = { u: string; o?: string; iat: number };

function sign(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(payload).digest('base64url');
}

/** `<base64url claims>.<hmac>`; the server never trusts a cookie it did not sign. */
export function encodeSession(
  claims: { userId: string; orgId?: string },
  secret: string,
  now = Date.now(),
): string {
  const body: SessionClaims = { u: claims.userId, iat: Math.floor(now / 1000) };
  if (claims.orgId) body.o = claims.orgId;
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${sign(payload, secret)}`;
}

export function decodeSession(
  value: string,
  secret: string,
  now = Date.now(),
): { userId: string; orgId: string | null } | null {
  const [payload, mac] = value.split('.');
  if (!payload || !mac) return null;
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as SessionClaims;
    if (typeof claims.u !== 'string' || typeof claims.iat !== 'number') return null;
    if (now / 1000 - claims.iat > MAX_AGE_SECONDS) return null;
    return { userId: claims.u, orgId: typeof claims.o === 'string' ? claims.o : null };
  } catch {
    return null;
  }
}

export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const idx = part.indexOf('=');
    if (idx === -1) continue;
    if (part.slice(0, idx).trim() === name) {
      try {
        return decodeURIComponent(part.slice(idx + 1).trim());
      } catch {
        return null;
      }
    }
  }
  return null;
}

export const SESSION_MAX_AGE_SECONDS = MAX_AGE_SECONDS;
