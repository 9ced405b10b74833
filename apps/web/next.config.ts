import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { withSentryConfig } from '@sentry/nextjs/config';
import type { NextConfig } from 'next';
import { publicEnv } from './src/lib/public-env';
import { securityHeaders } from './src/lib/security-headers';

/**
 * Walks up from the working directory to the npm workspaces root. Computed rather than derived from
 * `__dirname`/`import.meta.url` because Next may load this file either as transpiled CommonJS or as
 * native ESM, and only the working directory is available in both.
 */
function findWorkspaceRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown };
      if (pkg.workspaces) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
}

const repoRoot = findWorkspaceRoot(process.cwd());

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  // `npm run typecheck` (turbo, every package) is the type gate, in CI too; repeating it inside
  // `next build` only slows the first `npm start` by a minute.
  typescript: { ignoreBuildErrors: true },
  // Workspace packages ship TypeScript sources, so Next compiles them with the app.
  transpilePackages: ['@consailt/ui', '@consailt/api', '@consailt/db', '@consailt/ai'],
  // Native addons, WASM and worker-thread loggers must be required at runtime, not bundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    '@electric-sql/pglite-pgvector',
    'postgres',
    'bullmq',
    'ioredis',
    'pino',
    '@sentry/node',
  ],
  outputFileTracingRoot: repoRoot,
  turbopack: {
    root: repoRoot,
  },
  // CSP and the other security headers on every response (pages, API routes, static files).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: securityHeaders({
          development: publicEnv.isDevelopment,
          sentryDsn: publicEnv.sentryDsn,
          clerkPublishableKey: publicEnv.buildClerkPublishableKey,
        }),
      },
    ];
  },
};

// Sentry's build plugin only injects its runtime hooks here: no telemetry, no source-map upload, no network.
export default withSentryConfig(nextConfig, {
  silent: true,
  telemetry: false,
  sourcemaps: { disable: true },
});
