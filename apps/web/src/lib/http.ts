import { NextResponse } from 'next/server';

/**
 * Rejects cross-site form posts to the session endpoints (login CSRF). Browsers always send `Origin` on
 * POST; requests without it (curl, server-to-server tests) are allowed since they carry no ambient cookies.
 */
export function isSameOrigin(req: Request): boolean {
  const origin = req.headers.get('origin');
  if (origin === null) return true;
  let originHost: string;
  try {
    // An opaque origin ("null", e.g. from a sandboxed iframe) fails to parse and is rejected.
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const candidates = [req.headers.get('x-forwarded-host'), req.headers.get('host'), new URL(req.url).host];
  return candidates.some((host) => host?.split(',')[0]?.trim() === originHost);
}

export function jsonError(status: number, message: string): NextResponse {
  return NextResponse.json({ error: message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

/**
 * A 303 with a relative Location: the browser follows it with a GET, and a relative URL stays correct
 * behind any reverse proxy or host name (an absolute one built from `req.url` may carry the bind address).
 */
export function redirectSeeOther(location: string): NextResponse {
  return new NextResponse(null, {
    status: 303,
    headers: { Location: location, 'Cache-Control': 'no-store' },
  });
}
