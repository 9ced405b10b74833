import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';
import { DEV_SESSION_COOKIE } from '@consailt/api/auth-constants';
import { type ClerkWebConfig, getClerkWebConfig } from '@consailt/api/clerk-env';
import { type NextFetchEvent, type NextMiddleware, type NextRequest, NextResponse } from 'next/server';

const isPublicPage = createRouteMatcher(['/sign-in(.*)', '/sign-up(.*)']);

/**
 * Embedded mode (no Clerk): a cheap gate for page requests. Anyone without a session cookie or bearer
 * token is sent to sign-in. It only checks presence; the (app) layout validates the session and
 * redirects if it is not valid.
 */
function devProxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (isPublicPage(request)) return NextResponse.next();
  if (request.cookies.has(DEV_SESSION_COOKIE) || request.headers.has('authorization')) {
    return NextResponse.next();
  }
  const signIn = new URL('/sign-in', request.url);
  // Remember where the user was going (an invite link, a settings page) so sign-in can return there.
  if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${request.nextUrl.search}`);
  return NextResponse.redirect(signIn);
}

/**
 * Clerk mode: Clerk's middleware authenticates every page request (networkless with CLERK_JWT_KEY) and
 * sends signed-out visitors to our /sign-in page, which renders Clerk's <SignIn />. The (app) layout
 * then maps the Clerk user and active organization to ours through the tRPC context, which verifies
 * the token again: the proxy is a gate, not the authority.
 */
function createClerkProxy(config: ClerkWebConfig) {
  return clerkMiddleware(
    async (auth, request) => {
      if (isPublicPage(request)) return;
      const { isAuthenticated, redirectToSignIn } = await auth();
      if (!isAuthenticated) return redirectToSignIn({ returnBackUrl: request.url });
    },
    {
      // Not `secretKey`: Clerk reads CLERK_SECRET_KEY itself at run time, and a secret passed here would
      // have to be encrypted into the request for server components (CLERK_ENCRYPTION_KEY).
      publishableKey: config.publishableKey,
      jwtKey: config.jwtKey,
      authorizedParties: config.authorizedParties,
      signInUrl: config.signInUrl,
      signUpUrl: config.signUpUrl,
    },
  );
}

// Resolved on the first request, at run time: one build serves both modes.
let handler: NextMiddleware | null = null;

export function proxy(request: NextRequest, event: NextFetchEvent) {
  if (!handler) {
    const clerk = getClerkWebConfig();
    handler = clerk ? createClerkProxy(clerk) : devProxy;
  }
  return handler(request, event);
}

export const config = {
  // API routes authenticate every request themselves (API keys, Clerk session tokens and dev sessions,
  // answering 401 in tRPC's own error shape), so the proxy skips them, Next internals, and any path
  // with a file extension.
  matcher: ['/((?!api(?:/|$)|_next/|.*\\.[^/]+$).*)'],
};
