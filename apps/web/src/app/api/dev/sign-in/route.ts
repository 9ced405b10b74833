import { createDevSession, isDevSignInEnabled } from '@consailt/api';
import { z } from 'zod';
import { ACTIVE_ORG_COOKIE, safeNextPath } from '@/lib/active-org';
import { isSameOrigin, jsonError, redirectSeeOther } from '@/lib/http';

export const dynamic = 'force-dynamic';

const ZSignInInput = z.object({
  userId: z.string().trim().min(1).max(200),
  next: z.string().max(500).nullish(),
});

async function readInput(req: Request): Promise<unknown> {
  const contentType = req.headers.get('content-type') ?? '';
  if (contentType.includes('application/json')) return req.json().catch(() => null);
  const form = await req.formData().catch(() => null);
  return form ? { userId: form.get('userId'), next: form.get('next') } : null;
}

/**
 * Maps the api package's domain errors by their tRPC code (the same mapping it uses for tRPC), duck-typed
 * so this handler does not depend on the error classes or on class names that minifiers may rename.
 */
function statusForError(err: unknown): number | null {
  const code = typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
  switch (code) {
    case 'UNAUTHORIZED':
    case 'FORBIDDEN':
      return 403;
    case 'BAD_REQUEST':
    case 'NOT_FOUND':
      return 400;
    default:
      return null;
  }
}

export async function POST(req: Request) {
  if (!isSameOrigin(req)) return jsonError(403, 'Cross-site sign-in requests are not allowed.');
  if (!isDevSignInEnabled()) return jsonError(403, 'Development sign-in is disabled.');

  const parsed = ZSignInInput.safeParse(await readInput(req));
  if (!parsed.success) return jsonError(400, 'A userId is required.');

  let cookie: Awaited<ReturnType<typeof createDevSession>>;
  try {
    cookie = await createDevSession(parsed.data.userId);
  } catch (err) {
    const status = statusForError(err);
    if (status === null) throw err;
    return jsonError(status, err instanceof Error ? err.message : 'Sign-in failed.');
  }

  // Back to where sign-in interrupted (e.g. an invite link), but only ever to a path on this site.
  const res = redirectSeeOther(safeNextPath(parsed.data.next) ?? '/');
  res.cookies.set(cookie.name, cookie.value, cookie.options);
  // A previous user's organization choice must not carry over to this session.
  res.cookies.set(ACTIVE_ORG_COOKIE, '', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 0 });
  return res;
}
