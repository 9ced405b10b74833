import { describe, expect, it } from 'vitest';
import { clerkFrontendApiOrigin, contentSecurityPolicy, securityHeaders } from './security-headers';

const directive = (csp: string, name: string) =>
  csp
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1) ?? [];

describe('security headers', () => {
  it('locks down framing, plugins, base and forms, and allows eval only in development', () => {
    const prod = contentSecurityPolicy({ development: false });
    expect(directive(prod, 'frame-ancestors')).toEqual(["'none'"]);
    expect(directive(prod, 'object-src')).toEqual(["'none'"]);
    expect(directive(prod, 'base-uri')).toEqual(["'self'"]);
    expect(directive(prod, 'form-action')).toEqual(["'self'"]);
    expect(directive(prod, 'script-src')).not.toContain("'unsafe-eval'");
    expect(directive(prod, 'connect-src')).not.toContain('ws:');
    const dev = contentSecurityPolicy({ development: true });
    expect(directive(dev, 'script-src')).toContain("'unsafe-eval'");
    expect(directive(dev, 'connect-src')).toContain('ws:');
  });

  it('lets the browser report to the Sentry DSN origin and nowhere else new', () => {
    const csp = contentSecurityPolicy({
      development: false,
      sentryDsn: 'https://abc@o1.ingest.us.sentry.io/42',
    });
    expect(directive(csp, 'connect-src')).toContain('https://o1.ingest.us.sentry.io');
    expect(
      directive(contentSecurityPolicy({ development: false, sentryDsn: 'not a url' }), 'connect-src'),
    ).not.toContain('not');
  });

  it("decodes a Clerk production instance's own domain from its publishable key", () => {
    const key = `pk_live_${Buffer.from('clerk.example.com$').toString('base64')}`;
    expect(clerkFrontendApiOrigin(key)).toBe('https://clerk.example.com');
    expect(
      directive(contentSecurityPolicy({ development: false, clerkPublishableKey: key }), 'script-src'),
    ).toContain('https://clerk.example.com');
    expect(
      clerkFrontendApiOrigin(`pk_live_${Buffer.from("x'; script-src *$").toString('base64')}`),
    ).toBeNull();
    expect(clerkFrontendApiOrigin('nonsense')).toBeNull();
    expect(clerkFrontendApiOrigin(undefined)).toBeNull();
  });

  it('sends HSTS outside development only', () => {
    const names = (dev: boolean) => securityHeaders({ development: dev }).map((h) => h.key);
    expect(names(false)).toContain('Strict-Transport-Security');
    expect(names(true)).not.toContain('Strict-Transport-Security');
    expect(names(false)).toEqual(
      expect.arrayContaining([
        'Content-Security-Policy',
        'X-Content-Type-Options',
        'Referrer-Policy',
        'X-Frame-Options',
        'Permissions-Policy',
      ]),
    );
  });
});
