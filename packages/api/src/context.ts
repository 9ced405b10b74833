import { randomUUID } from 'node:crypto';
import { extractClerkToken, verifyClerkSession } from './auth/clerk-session';
import { DEV_SESSION_COOKIE, decodeSession, readCookie } from './auth/dev-session';
import { type ApiEnv, isClerkConfigured, isDevSignInAllowed } from './env';
import type { Logger } from './logger';
import { getRuntime, type Runtime } from './runtime';
import { type AuthenticatedKey, authenticateApiKey } from './services/api-keys/api-keys';
import { findUser, resolveClerkUser, type SessionUser } from './services/auth/sessions';
import type { Deps } from './services/types';

/** Who made the request, before any organization is resolved. */
export type Principal =
  | { kind: 'user'; user: SessionUser; via: 'dev-session' | 'clerk'; sessionOrgId: string | null }
  | { kind: 'apiKey'; key: AuthenticatedKey };

export type Context = {
  deps: Deps;
  env: ApiEnv;
  requestId: string;
  logger: Logger;
  principal: Principal | null;
  /** Why authentication failed, when credentials were sent but rejected (answered as 401). */
  authError: string | null;
  /** Organization the client asked for (header or session); checked against memberships later. */
  requestedOrgId: string | null;
  devSignIn: boolean;
  headers: Headers;
  resHeaders: Headers | null;
  ip: string | null;
  userAgent: string | null;
};

const DEV_SECRET = 'consailt-development-only-session-secret-not-for-production';

export function sessionSecret(env: ApiEnv): string {
  return env.SESSION_SECRET ?? DEV_SECRET;
}

/** Context from explicit parts: used by HTTP adapters below and by tests with `createCaller`. */
export function createInnerContext(opts: {
  runtime: Pick<Runtime, 'deps' | 'env' | 'logger'>;
  principal: Principal | null;
  headers?: Headers;
  resHeaders?: Headers | null;
  requestedOrgId?: string | null;
  requestId?: string;
  authError?: string | null;
}): Context {
  const headers = opts.headers ?? new Headers();
  const requestId = opts.requestId ?? headers.get('x-request-id') ?? randomUUID();
  return {
    deps: opts.runtime.deps,
    env: opts.runtime.env,
    requestId,
    logger: opts.runtime.logger.child({ requestId }),
    principal: opts.principal,
    authError: opts.authError ?? null,
    requestedOrgId:
      opts.requestedOrgId ?? (opts.principal?.kind === 'user' ? opts.principal.sessionOrgId : null) ?? null,
    devSignIn: isDevSignInAllowed(opts.runtime.env),
    headers,
    resHeaders: opts.resHeaders ?? null,
    ip: headers.get('x-forwarded-for')?.split(',')[0]?.trim() ?? headers.get('x-real-ip'),
    userAgent: headers.get('user-agent'),
  };
}

/** The request context for tRPC's fetch adapter: resolves the principal from the session cookie. */
export async function createTRPCContext(opts: { headers: Headers; resHeaders?: Headers }): Promise<Context> {
  const runtime = await getRuntime();
  let principal: Principal | null = null;
  let authError: string | null = null;
  const bearer = /^Bearer\s+(\S+)$/i.exec(opts.headers.get('authorization') ?? '')?.[1];
  // Session JWTs (Clerk) also travel as Bearer tokens; API keys never start like a JWT.
  if (bearer && !bearer.startsWith('eyJ')) {
    const key = await authenticateApiKey(runtime.deps, bearer, sessionSecret(runtime.env));
    // Unknown, revoked and expired keys get the same answer.
    if (key) principal = { kind: 'apiKey', key };
    else authError = 'Invalid API key';
  } else if (opts.headers.get('authorization') && (!bearer || !isClerkConfigured(runtime.env))) {
    authError = bearer ? 'Invalid API key' : 'Authorization header must be "Bearer <api key>"';
  } else if (isClerkConfigured(runtime.env)) {
    const token = extractClerkToken(opts.headers, readCookie(opts.headers.get('cookie'), '__session'));
    const claims = token ? await verifyClerkSession(token, runtime.env) : null;
    if (token && !claims) authError = 'Invalid or expired session';
    if (claims) {
      const resolved = await resolveClerkUser(runtime.deps, claims);
      if (resolved)
        principal = { kind: 'user', user: resolved.user, via: 'clerk', sessionOrgId: resolved.orgId };
      else authError = 'Your account is not provisioned yet; try again in a moment';
    }
  } else if (isDevSignInAllowed(runtime.env)) {
    const raw = readCookie(opts.headers.get('cookie'), DEV_SESSION_COOKIE);
    const session = raw ? decodeSession(raw, sessionSecret(runtime.env)) : null;
    const user = session ? await findUser(runtime.deps, session.userId) : null;
    if (session && user) principal = { kind: 'user', user, via: 'dev-session', sessionOrgId: session.orgId };
  }
  const headerOrg = opts.headers.get('x-consailt-org');
  return createInnerContext({
    runtime,
    principal,
    headers: opts.headers,
    resHeaders: opts.resHeaders ?? null,
    authError,
    requestedOrgId: headerOrg ?? (principal?.kind === 'user' ? principal.sessionOrgId : null),
  });
}
