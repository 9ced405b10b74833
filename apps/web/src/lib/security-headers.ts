/**
 * Security headers for every response, set from `next.config.ts` `headers()` (the proxy is a gate
 * for pages only and does not see static files; these apply to all). Evaluated when the app is
 * built, so they can only depend on build-time settings.
 *
 * Why the script policy has 'unsafe-inline' (see docs/ARCHITECTURE.md, "Security headers"): the App
 * Router streams each page's React Server Component payload as inline `<script>` tags whose content
 * differs per page and per request, so they cannot be allowed by hash; the only strict alternative
 * is a per-request nonce, which needs the proxy and forces every page to render dynamically. A hash
 * for the theme script would not help either: browsers ignore 'unsafe-inline' once a hash is listed.
 * What the policy still guarantees: scripts only from this origin (and Clerk when configured), no
 * plugins, no `<base>` hijacking, forms post only here, and no framing (clickjacking).
 */

export type SecurityHeaderOptions = {
  /** `next dev`: React needs eval for its debug stacks and HMR a websocket. */
  development: boolean;
  /** NEXT_PUBLIC_SENTRY_DSN, if browser errors are reported: its origin may be posted to. */
  sentryDsn?: string;
  /** NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY seen by the build: names a production instance's own domain. */
  clerkPublishableKey?: string;
};

/** Clerk's hosted development instances, its image CDN, and the bot check on its sign-in forms. */
const CLERK_DEV_ORIGIN = 'https://*.clerk.accounts.dev';
const CLERK_IMG_ORIGIN = 'https://img.clerk.com';
const CLOUDFLARE_CHALLENGES = 'https://challenges.cloudflare.com';

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * The Frontend API host a Clerk publishable key encodes (`pk_live_` + base64 of `host$`), for
 * production instances on a custom domain (`clerk.example.com`). Null for anything malformed.
 */
export function clerkFrontendApiOrigin(publishableKey: string | undefined): string | null {
  const m = /^pk_(?:test|live)_([A-Za-z0-9+/=_-]+)$/.exec(publishableKey?.trim() ?? '');
  if (!m?.[1]) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const host = decoded.endsWith('$') ? decoded.slice(0, -1) : '';
  return /^[a-z0-9.-]+\.[a-z]{2,}$/i.test(host) ? `https://${host.toLowerCase()}` : null;
}

export function contentSecurityPolicy(opts: SecurityHeaderOptions): string {
  const clerk = [CLERK_DEV_ORIGIN, clerkFrontendApiOrigin(opts.clerkPublishableKey)].filter(
    (o): o is string => o !== null,
  );
  const sentry = originOf(opts.sentryDsn);
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': [
      "'self'",
      "'unsafe-inline'",
      ...(opts.development ? ["'unsafe-eval'"] : []),
      ...clerk,
      CLOUDFLARE_CHALLENGES,
    ],
    // Radix and React set inline style attributes (positions, sizes); styles cannot run code.
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', CLERK_IMG_ORIGIN],
    'font-src': ["'self'", 'data:'],
    'connect-src': [
      "'self'",
      ...(opts.development ? ['ws:', 'wss:'] : []),
      ...clerk,
      ...(sentry ? [sentry] : []),
    ],
    'frame-src': [CLOUDFLARE_CHALLENGES],
    'worker-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

/** Every header, as `next.config.ts` `headers()` wants them. */
export function securityHeaders(opts: SecurityHeaderOptions): { key: string; value: string }[] {
  return [
    { key: 'Content-Security-Policy', value: contentSecurityPolicy(opts) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
    // For browsers without CSP frame-ancestors; same meaning.
    { key: 'X-Frame-Options', value: 'DENY' },
    {
      key: 'Permissions-Policy',
      value:
        'camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()',
    },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
    // Browsers honour HSTS only over HTTPS, so it is harmless on the embedded mode's http://localhost;
    // left out of `next dev` so a developer's https://localhost is never pinned.
    ...(opts.development
      ? []
      : [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]),
  ];
}
