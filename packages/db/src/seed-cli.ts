import { createDatabaseFromEnv } from './client';
import { seedDemoData } from './seed';

// `npm run db:seed`: seeds the demo organization (idempotent).
const handle = await createDatabaseFromEnv();
try {
  await handle.migrate();
  const result = await seedDemoData(handle.db);
  console.log(
    result.created ? `seeded demo organization ${result.orgId}` : 'demo organization already present',
  );
} finally {
  await handle.close();
}
