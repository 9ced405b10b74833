import { appRouter, createTRPCContext } from '@consailt/api';
import { cookies, headers } from 'next/headers';
import { cache } from 'react';
import { ACTIVE_ORG_COOKIE, withActiveOrgHeader } from '@/lib/active-org';

// `server-only` is not installed; this module imports next/headers, which already fails in client bundles.

/** One context per request: React's `cache` dedupes it across the layout and page of the same render. */
const createContext = cache(async () => {
  const [incoming, jar] = await Promise.all([headers(), cookies()]);
  const requestHeaders = withActiveOrgHeader(incoming, jar.get(ACTIVE_ORG_COOKIE)?.value);
  requestHeaders.set('x-trpc-source', 'rsc');
  return createTRPCContext({ headers: requestHeaders });
});

/**
 * A tRPC caller for Server Components, authenticated with the incoming request's cookies and headers,
 * in the organization chosen with the active-organization cookie.
 * Server Components cannot set response headers, so none are passed.
 */
export async function serverCaller() {
  return appRouter.createCaller(await createContext());
}
