import { createDatabaseFromEnv } from './client';

// `npm run db:migrate`: applies committed migrations to DATABASE_URL, or to the embedded PGlite.
const handle = await createDatabaseFromEnv();
try {
  await handle.migrate();
  console.log(`migrations applied (${handle.kind}: ${handle.location})`);
} catch (error) {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
