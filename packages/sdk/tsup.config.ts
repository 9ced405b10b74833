import { defineConfig } from 'tsup';

// ESM + .d.ts for tools outside the monorepo. `@consailt/api` is imported for types only, so the
// JavaScript carries no server code; the declarations keep referring to its AppRouter type.
export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  target: 'node20',
  dts: true,
  clean: true,
  sourcemap: true,
  outDir: 'dist',
  external: ['@consailt/api', '@trpc/client', '@trpc/server', 'superjson'],
});
