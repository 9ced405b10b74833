import { describe, expect, it } from 'vitest';
import { createTestRuntime } from '../testing';
import { checkHealth } from './index';

describe('health check', () => {
  it('is ok when the database and queue answer, with counts per queue', async () => {
    const runtime = await createTestRuntime();
    const health = await checkHealth(runtime);
    expect(health).toMatchObject({ status: 'ok', db: 'ok', queue: 'ok' });
    expect(health.queues?.['ingest-entry']).toMatchObject({ waiting: 0, failed: 0 });
    await runtime.close();
  });

  it('is degraded and names the database when it stops answering', async () => {
    const runtime = await createTestRuntime();
    await runtime.database.close();
    const health = await checkHealth(runtime);
    expect(health.status).toBe('degraded');
    expect(health.db).toMatch(/^error: /);
    expect(health.queue).toBe('ok');
    await runtime.queue.close();
  });
});
