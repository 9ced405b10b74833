/**
 * PII scrubbing for error reports. Pure (no Node or Sentry imports) so the browser bundle can use
 * it too. Removes request bodies, cookies and auth headers, and masks emails and tokens in every
 * string of the event.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_LIKE = /\b(csk|sk|pk|whsec|sess)_[A-Za-z0-9_-]{8,}/g;
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g;
const SENSITIVE_KEYS = /^(authorization|cookie|set-cookie|x-api-key|password|token|secret|api_?key|email)$/i;

export function scrubString(value: string): string {
  return value
    .replace(BEARER, '$1 [redacted]')
    .replace(JWT, '[redacted-jwt]')
    .replace(SECRET_LIKE, '[redacted-secret]')
    .replace(EMAIL, '[redacted-email]');
}

function scrubValue(value: unknown, depth: number): unknown {
  if (depth > 12) return '[truncated]';
  if (typeof value === 'string') return scrubString(value);
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SENSITIVE_KEYS.test(k) ? '[redacted]' : scrubValue(v, depth + 1);
    }
    return out;
  }
  return value;
}

type EventLike = {
  request?: { data?: unknown; cookies?: unknown; headers?: Record<string, string>; query_string?: unknown };
  user?: { id?: string | number } & Record<string, unknown>;
  [key: string]: unknown;
};

/** Sentry `beforeSend` / `beforeSendTransaction` compatible. */
export function scrubEvent<E>(event: E): E {
  const e = structuredClone(event) as unknown as EventLike;
  if (e.request) {
    delete e.request.data;
    delete e.request.cookies;
    delete e.request.query_string;
    if (e.request.headers) {
      const kept: Record<string, string> = {};
      for (const [k, v] of Object.entries(e.request.headers)) {
        if (!SENSITIVE_KEYS.test(k)) kept[k] = v;
      }
      e.request.headers = kept;
    }
  }
  if (e.user) e.user = e.user.id === undefined ? {} : { id: e.user.id };
  return scrubValue(e, 0) as E;
}

/**
 * Sentry 11's `dataCollection` option: collect no user info, cookies, bodies or query strings in
 * the first place; `scrubEvent` is the second pass over whatever remains.
 */
export function sentryDataCollection() {
  return {
    userInfo: false,
    cookies: false,
    httpHeaders: { request: { deny: ['authorization', 'cookie', 'x-api-key'] }, response: false },
    httpBodies: [] as never[],
    urlQueryParams: false,
  };
}
