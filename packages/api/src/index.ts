import { DEV_SESSION_COOKIE, encodeSession, SESSION_MAX_AGE_SECONDS } from './auth/dev-session';
import { sessionSecret } from './context';
import { getApiEnv, isDevSignInAllowed, isProductionDeployment } from './env';
import { ForbiddenError, ValidationError } from './errors';
import { getRuntime } from './runtime';
import { findUser, listMemberships } from './services/auth/sessions';

export { DEV_SESSION_COOKIE } from './auth/dev-session';
export { ROLE_SCOPES, SCOPES, type Scope, scopesForRole } from './auth/permissions';
export { type Context, createInnerContext, createTRPCContext, type Principal } from './context';
export { type ApiEnv, apiEnvSchema, getApiEnv, isClerkConfigured } from './env';
export * from './errors';
export { handleClerkWebhookRequest } from './http/clerk-webhook';
export { createLogger, type Logger } from './logger';
export { type AppRouter, appRouter, createCaller } from './routers/app-router';
export type { Actor, Deps, OrgScope } from './services/types';
export { authedProcedure, createTRPCRouter, orgProcedure, publicProcedure, requirePermission } from './trpc';

export function isDevSignInEnabled(): boolean {
  return isDevSignInAllowed(getApiEnv());
}

/**
 * Start a development session for a seeded user. Refused unless dev sign-in is enabled, which is
 * never the case in a production deployment.
 */
export async function createDevSession(userId: string) {
  const env = getApiEnv();
  if (!isDevSignInAllowed(env)) throw new ForbiddenError('Development sign-in is disabled');
  const runtime = await getRuntime();
  const user = await findUser(runtime.deps, userId);
  if (!user) throw new ValidationError('Unknown user');
  const [membership] = await listMemberships(runtime.deps, user.id);
  return {
    name: DEV_SESSION_COOKIE,
    value: encodeSession({ userId: user.id, orgId: membership?.orgId }, sessionSecret(env)),
    options: {
      httpOnly: true,
      sameSite: 'lax' as const,
      path: '/',
      secure: isProductionDeployment(env),
      maxAge: SESSION_MAX_AGE_SECONDS,
    },
  };
}
