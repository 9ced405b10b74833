import { ACTIVE_ORG_COOKIE } from '@/lib/active-org';
import { redirectSeeOther } from '@/lib/http';

export const dynamic = 'force-dynamic';

/**
 * Reached by redirect when the active-organization cookie names an organization the user no longer
 * belongs to (removed, or another user signed in on this browser). Clearing a preference cookie is safe
 * on GET; the API falls back to the user's first organization.
 */
export function GET() {
  const res = redirectSeeOther('/');
  res.cookies.set(ACTIVE_ORG_COOKIE, '', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 0 });
  return res;
}
