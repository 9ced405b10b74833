import { defineConfig } from 'drizzle-kit';

// Only used to generate SQL from the schema; migrations are applied by `npm run db:migrate`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/db/src/schema/index.ts',
  out: './packages/db/migrations',
  casing: 'snake_case',
  strict: true,
});
