import { withOrgContext } from '@consailt/db';
import { initTRPC, TRPCError } from '@trpc/server';
import superjson from 'superjson';
import { ZodError } from 'zod';
import { hasScope, type Scope, scopesForRole } from './auth/permissions';
import type { Context, Principal } from './context';
import {
  domainCodeOf,
  MissingScopeError,
  RateLimitedError,
  RequestCancelledError,
  toTRPCError,
  UnauthorizedError,
} from './errors';
import { reportError } from './observability';
import { createDeferredQueue } from './queue/deferred';
import type { OpenApiMeta } from './rest/openapi-lib';
import { findMembership, listMemberships } from './services/auth/sessions';
import { consumeRateLimit, rateLimitHeaders, refundRateLimit } from './services/rate-limit';
import type { Actor } from './services/types';

/**
 * Procedure metadata: the scope a procedure requires, read by the isolation harness and docs, and
 * `openapi` for procedures also served as REST under /api/v1.
 */
export type Meta = { scope?: Scope; orgScoped?: boolean } & OpenApiMeta;

function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error, ctx }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      let message = shape.message;
      if (zod) message = `Invalid input: ${describeZodError(zod)}`;
      // 5xx messages never leak internals; the detail is in the logs and the error tracker.
      if (error.code === 'INTERNAL_SERVER_ERROR')
        message = `Internal error (request ${ctx?.requestId ?? 'unknown'})`;
      return {
        ...shape,
        message,
        data: {
          ...shape.data,
          stack: undefined,
          requestId: ctx?.requestId,
          domainCode: domainCodeOf(error.cause),
          retryAfterSeconds:
            error.cause instanceof RateLimitedError ? error.cause.retryAfterSeconds : undefined,
          issues: zod ? zod.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) : undefined,
        },
      };
    },
  });

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps typed domain errors to tRPC codes, and reports anything unexpected. */
const errorBoundary = t.middleware(async ({ next, path, ctx, type }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause ?? result.error;
    const mapped = toTRPCError(cause);
    if (mapped && mapped !== result.error) throw mapped;
    if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      ctx.logger.error({ err: cause, path, type }, 'procedure failed');
      reportError(cause, { path, type, requestId: ctx.requestId });
    }
  }
  return result;
});

export const publicProcedure = t.procedure.use(errorBoundary);

function requirePrincipal(ctx: Context): Principal {
  if (!ctx.principal) throw new UnauthorizedError(ctx.authError ?? 'Sign in to continue');
  return ctx.principal;
}

export const authedProcedure = publicProcedure.use(({ ctx, next }) =>
  next({ ctx: { principal: requirePrincipal(ctx) } }),
);

type ResolvedOrg = {
  org: { id: string; name: string; slug: string };
  actor: Actor;
  scopes: readonly Scope[];
};

/** Which organization a request acts in, and as whom. Null: not a member (or key of another org). */
async function resolveOrg(ctx: Context & { principal: Principal }): Promise<ResolvedOrg | null> {
  const principal = ctx.principal;
  if (principal.kind === 'apiKey') {
    const { key } = principal;
    if (ctx.requestedOrgId && ctx.requestedOrgId !== key.orgId) return null;
    return {
      org: key.org,
      scopes: key.scopes,
      actor: { kind: 'apiKey', apiKeyId: key.id, createdBy: key.createdBy, scopes: key.scopes },
    };
  }
  const userId = principal.user.id;
  const membership = ctx.requestedOrgId
    ? await findMembership(ctx.deps, userId, ctx.requestedOrgId)
    : ((await listMemberships(ctx.deps, userId))[0] ?? null);
  if (!membership) return null;
  const scopes = scopesForRole(membership.role);
  return {
    org: { id: membership.orgId, name: membership.orgName, slug: membership.orgSlug },
    scopes,
    actor: { kind: 'user', userId, role: membership.role, scopes },
  };
}

/** Whether a procedure failed because its client went away before the work ran. */
function isCancellation(error: unknown): boolean {
  if (error instanceof RequestCancelledError) return true;
  return (
    error instanceof TRPCError &&
    (error.code === 'CLIENT_CLOSED_REQUEST' || error.cause instanceof RequestCancelledError)
  );
}

/**
 * The whole org layer of a procedure, as one middleware (each tRPC middleware copies the call's
 * options and context, which is measurable on the hottest reads): requires a principal, resolves
 * the organization from the API key, the session, or the X-Consailt-Org header, and the caller's
 * scopes in it, and checks the scope the procedure names (`requirePermission`). A non-member
 * asking for an organization gets NOT_FOUND, not a hint that it exists; a missing scope is refused
 * before the call costs any rate-limit tokens. With `transaction`, everything the procedure does
 * runs in one transaction under row-level security for this organization, and jobs it enqueues
 * are sent only after commit.
 */
function orgMiddleware(transaction: boolean) {
  return t.middleware(async ({ ctx, next, path, type, meta }) => {
    const c = { ...ctx, principal: requirePrincipal(ctx) };
    const resolved = await resolveOrg(c);
    if (!resolved) {
      throw new TRPCError({
        code: c.requestedOrgId ? 'NOT_FOUND' : 'FORBIDDEN',
        message: c.requestedOrgId ? 'Organization not found' : 'You are not a member of any organization',
      });
    }
    const { org, actor, scopes } = resolved;
    if (meta?.scope && !hasScope(scopes, meta.scope)) throw new MissingScopeError(meta.scope);
    // Rate limit before any transaction opens, so refused calls cost one Redis round trip.
    const limitCall = { env: c.env, deps: c.deps, logger: c.logger, orgId: org.id, actor, path, type };
    const limit = await consumeRateLimit(limitCall);
    if (limit) {
      for (const [name, value] of Object.entries(rateLimitHeaders(limit))) c.resHeaders?.set(name, value);
      if (!limit.allowed) throw new RateLimitedError(limit.retryAfterSeconds);
    }
    // Gives this call's tokens back; does nothing when nothing was taken.
    const refund = async () => {
      if (limit) await refundRateLimit(limitCall);
    };
    // A call the client abandoned before its work ran (RequestCancelledError) gets its tokens back.
    const refundIfCancelled = async (error: unknown) => {
      if (isCancellation(error)) await refund();
    };
    const orgCtx = {
      /** For a procedure whose call the user should not pay for (a search continuing the last one). */
      refundRateLimit: refund,
      principal: c.principal,
      org,
      role: actor.kind === 'user' ? actor.role : null,
      scopes,
      actor,
      scope: { orgId: org.id, actor, request: { ip: c.ip, userAgent: c.userAgent } },
    };
    if (!transaction) {
      const result = await next({ ctx: orgCtx });
      if (!result.ok) await refundIfCancelled(result.error);
      return result;
    }
    const deferred = createDeferredQueue(c.deps.queue);
    const result = await withOrgContext(c.deps.db, org.id, async (tx) => {
      const inner = await next({ ctx: { ...orgCtx, deps: { ...c.deps, db: tx, queue: deferred.backend } } });
      // A failed procedure rolls back everything it wrote.
      if (!inner.ok) throw inner.error;
      return inner;
    }).catch(async (error: unknown) => {
      await refundIfCancelled(error);
      throw error;
    });
    await deferred.flush();
    return result;
  });
}

export const orgProcedure = publicProcedure.meta({ orgScoped: true }).use(orgMiddleware(true));

/**
 * For long-running procedures (AI calls, streams): no enclosing transaction, so a slow model never
 * holds a database connection (and PGlite, which runs one transaction at a time, is not blocked).
 * Services called from these must scope their own queries with `withOrgContext`.
 */
export const orgProcedureWithoutTransaction = publicProcedure
  .meta({ orgScoped: true })
  .use(orgMiddleware(false));

/**
 * The permission factory: every org-scoped procedure names the scope it needs, which the org
 * middleware checks (from the procedure's meta) once it knows the caller's scopes.
 */
export function requirePermission(scope: Scope, opts: { transaction?: boolean } = {}) {
  const base = opts.transaction === false ? orgProcedureWithoutTransaction : orgProcedure;
  return base.meta({ scope, orgScoped: true });
}
