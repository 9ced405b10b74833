import { appRouter, createTRPCContext } from '@consailt/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { NextRequest } from 'next/server';
import { ACTIVE_ORG_COOKIE, withActiveOrgHeader } from '@/lib/active-org';

export const dynamic = 'force-dynamic';

function handler(req: NextRequest) {
  // The browser sends the active-organization cookie with every call; the API reads the header.
  const headers = withActiveOrgHeader(req.headers, req.cookies.get(ACTIVE_ORG_COOKIE)?.value);
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createTRPCContext({ headers, resHeaders }),
    // Intentionally empty: the api package logs and reports errors, so logging here would duplicate them.
    onError: () => {},
  });
}

export { handler as GET, handler as POST };
