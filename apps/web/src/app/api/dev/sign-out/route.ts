import { DEV_SESSION_COOKIE } from '@consailt/api';
import { ACTIVE_ORG_COOKIE } from '@/lib/active-org';
import { isSameOrigin, jsonError, redirectSeeOther } from '@/lib/http';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  if (!isSameOrigin(req)) return jsonError(403, 'Cross-site sign-out requests are not allowed.');
  const res = redirectSeeOther('/sign-in');
  // Same path and flags as when it was set, with an expiry in the past, so every browser drops it.
  res.cookies.set(DEV_SESSION_COOKIE, '', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 0 });
  // The next person to sign in on this browser starts in their own first organization.
  res.cookies.set(ACTIVE_ORG_COOKIE, '', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 0 });
  return res;
}
