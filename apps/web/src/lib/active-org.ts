/**
 * The active organization is a cookie rather than client state so that Server Components, the tRPC
 * route and later REST routes all see the same choice on the first request. The API reads only the
 * `X-Consailt-Org` header, so the server side copies the cookie into that header (never over an
 * explicit header: SDK clients and tests choose their organization themselves).
 */
export const ACTIVE_ORG_COOKIE = 'consailt_org';
export const ACTIVE_ORG_HEADER = 'x-consailt-org';

/** One year: it is a preference, not a credential; the API still checks membership on every request. */
export const ACTIVE_ORG_MAX_AGE_SECONDS = 60 * 60 * 24 * 365;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only well-formed ids are forwarded; anything else is ignored as if the cookie were absent. */
export function parseActiveOrg(value: string | undefined | null): string | null {
  return value && UUID.test(value) ? value : null;
}

/** Returns a copy of `headers` carrying the active organization from the cookie, if any. */
export function withActiveOrgHeader(headers: Headers, cookieValue: string | undefined | null): Headers {
  const next = new Headers(headers);
  const orgId = parseActiveOrg(cookieValue);
  if (orgId && !next.has(ACTIVE_ORG_HEADER)) next.set(ACTIVE_ORG_HEADER, orgId);
  return next;
}

/** A redirect target from a query string, accepted only as a same-site absolute path. */
export function safeNextPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/')) return null;
  // "//host" and "/\\host" are protocol-relative to a browser: an open redirect.
  if (value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}
