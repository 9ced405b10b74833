import { budgetPeriod } from '@consailt/ai';
import { type FakeBedrock, startFakeBedrock } from '@consailt/ai/testing';
import { aiInteractions, auditLog, budgets } from '@consailt/db';
import { createEngagement, createMember, createOrg } from '@consailt/db/testing';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInnerContext, sessionSecret } from '../../context';
import type { Runtime } from '../../runtime';
import { createPgBudgetStore } from '../../services/ai/pg-budget-store';
import { authenticateApiKey } from '../../services/api-keys';
import { callerAs, createTestRuntime } from '../../testing';
import { createCaller } from '../app-router';

describe('AI procedures on a fake Bedrock', () => {
  let fake: FakeBedrock;
  let runtime: Runtime;
  let orgId: string;
  let owner: string;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    fake = await startFakeBedrock();
    // The real SDK's default credential chain reads these.
    process.env.AWS_ACCESS_KEY_ID = 'AKIDFAKE';
    process.env.AWS_SECRET_ACCESS_KEY = 'fake-secret';
    runtime = await createTestRuntime({ env: { AWS_REGION: 'us-east-1', BEDROCK_ENDPOINT: fake.url } });
    const db = runtime.database.db;
    orgId = (await createOrg(db)).id;
    owner = (await createMember(db, { orgId, role: 'owner' })).user.id;
    admin = (await createMember(db, { orgId, role: 'admin' })).user.id;
    member = (await createMember(db, { orgId, role: 'member' })).user.id;
    await createEngagement(db, { orgId, clientName: 'Contoso Retail' });
  });
  afterAll(async () => {
    await runtime?.close();
    await fake?.close();
  });

  it('runs a task on Bedrock, records the interaction and reports usage', async () => {
    fake.setDefault({ text: 'A short summary.', usage: { inputTokens: 1000, outputTokens: 500 } });
    const api = await callerAs(runtime, member, orgId);
    const result = await api.ai.run({ task: 'quick_summary', text: 'Summarize the kickoff.' });
    expect(result.text).toBe('A short summary.');
    expect(result.modelId).toContain('nova-lite');
    expect(result.costMicroUsd).toBeGreaterThan(0);
    const rows = await runtime.database.db
      .select()
      .from(aiInteractions)
      .where(eq(aiInteractions.orgId, orgId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      task: 'quick_summary',
      userId: member,
      inputTokens: 1000,
      outputTokens: 500,
      status: 'success',
    });
    const usage = await (await callerAs(runtime, admin, orgId)).ai.usage({});
    expect(usage.totals).toMatchObject({
      calls: 1,
      costMicroUsd: result.costMicroUsd,
      inputTokens: 1000,
      outputTokens: 500,
    });
    expect(usage.byTask).toEqual([expect.objectContaining({ task: 'quick_summary', calls: 1 })]);
    expect(usage.byUser).toEqual([expect.objectContaining({ userId: member, calls: 1 })]);
    expect(usage.byDay).toHaveLength(1);
  });

  it("reports an API key's calls on their own row of the per-actor breakdown", async () => {
    fake.setDefault({ text: 'Keyed.', usage: { inputTokens: 10, outputTokens: 5 } });
    const { key, apiKey } = await (await callerAs(runtime, owner, orgId)).apiKeys.create({
      name: 'usage export',
      scopes: ['ai:use'],
    });
    const verified = await authenticateApiKey(runtime.deps, key, sessionSecret(runtime.env));
    if (!verified) throw new Error('key did not authenticate');
    const asKey = createCaller(createInnerContext({ runtime, principal: { kind: 'apiKey', key: verified } }));
    await asKey.ai.run({ task: 'quick_summary', text: 'Summarize.' });
    await asKey.ai.run({ task: 'quick_summary', text: 'Summarize again.' });
    const usage = await (await callerAs(runtime, admin, orgId)).ai.usage({});
    expect(usage.byUser).toContainEqual(
      expect.objectContaining({ userId: null, apiKeyId: apiKey.id, apiKeyName: 'usage export', calls: 2 }),
    );
    expect(usage.byUser).toContainEqual(
      expect.objectContaining({ userId: member, apiKeyId: null, apiKeyName: null }),
    );
  });

  it('redacts client names before the provider call and restores them in the answer', async () => {
    fake.setDefault({ text: 'Noted for [[CLIENT_1]].' });
    fake.requests.length = 0;
    const api = await callerAs(runtime, member, orgId);
    const result = await api.ai.run({ task: 'quick_summary', text: 'Contoso Retail wants a forecast.' });
    expect(JSON.stringify(fake.requests.map((r) => r.body))).not.toContain('Contoso Retail');
    expect(result.text).toBe('Noted for Contoso Retail.');
  });

  it('refuses a call over the hard budget with BUDGET_EXCEEDED naming the limit and spend', async () => {
    const asOwner = await callerAs(runtime, owner, orgId);
    await asOwner.budgets.set({ hardLimitUsd: 0.0001, softLimitUsd: null });
    const api = await callerAs(runtime, member, orgId);
    const error = await api.ai.run({ task: 'quick_summary', text: 'one more' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PAYMENT_REQUIRED' });
    expect((error as Error).message).toMatch(
      /Organization monthly AI budget reached: spent \$[\d.]+ of \$0\.0001/,
    );
    const budget = await asOwner.budgets.get();
    expect(budget.org.hardLimitMicroUsd).toBe(100);
    await asOwner.budgets.set({ hardLimitUsd: null });
    const audit = await runtime.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), eq(auditLog.action, 'budget.updated')));
    expect(audit).toHaveLength(2);
  });

  it('validates budgets and per-user limits', async () => {
    const api = await callerAs(runtime, owner, orgId);
    await expect(api.budgets.set({ hardLimitUsd: 10, softLimitUsd: 20 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api.budgets.set({ hardLimitUsd: -1 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await api.budgets.set({ userId: member, hardLimitUsd: 5 });
    expect((await api.budgets.get()).users).toEqual([
      expect.objectContaining({ userId: member, hardLimitMicroUsd: 5_000_000 }),
    ]);
    const asMember = await callerAs(runtime, member, orgId);
    await expect(asMember.budgets.get()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets only owners switch redaction, and rejects unknown models in routing', async () => {
    const asAdmin = await callerAs(runtime, admin, orgId);
    await expect(asAdmin.settings.updateAi({ sanitize: false })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      asAdmin.settings.updateAi({ routes: { quick_summary: ['no.such-model'] } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    const updated = await asAdmin.settings.updateAi({
      routes: { quick_summary: ['amazon.nova-micro-v1:0'] },
      sensitiveTerms: ['Project Falcon'],
    });
    expect(updated.routes.quick_summary).toEqual(['amazon.nova-micro-v1:0']);
    const models = await asAdmin.ai.models();
    expect(models.routes.find((r) => r.task === 'quick_summary')?.models[0]).toMatchObject({
      id: 'amazon.nova-micro-v1:0',
      overridden: true,
    });
    fake.setDefault({ text: 'ok' });
    const run = await asAdmin.ai.run({ task: 'quick_summary', text: 'Project Falcon status' });
    expect(run.modelId).toContain('nova-micro');
    expect(JSON.stringify(fake.requests.at(-1)?.body)).not.toContain('Project Falcon');
    expect(
      (await (await callerAs(runtime, owner, orgId)).settings.updateAi({ sanitize: false })).sanitize,
    ).toBe(false);
  });
});

describe('Postgres budget store', () => {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await createTestRuntime();
  });
  afterAll(async () => {
    await runtime?.close();
  });

  it('lets at most the affordable calls through under concurrency, and spend equals what settled', async () => {
    const db = runtime.database.db;
    const orgId = (await createOrg(db)).id;
    const store = createPgBudgetStore(db);
    const period = budgetPeriod();
    const limits = { orgHardMicroUsd: 1000, orgSoftMicroUsd: null, userHardMicroUsd: null };
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        store.reserve({ orgId, userId: null, period, estimateMicroUsd: 100, limits }),
      ),
    );
    const granted = results.filter((r) => r.ok);
    expect(granted).toHaveLength(10);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.limit === 'org_hard')).toBe(true);
    let settled = 0;
    for (const [i, r] of granted.entries()) {
      if (!r.ok) continue;
      if (i % 3 === 0) await store.release(r.reservationId);
      else {
        await store.settle(r.reservationId, 90);
        settled += 90;
      }
    }
    const spend = await store.spend({ orgId, userId: null, period });
    expect(spend).toMatchObject({ orgSpentMicroUsd: settled, orgReservedMicroUsd: 0 });
  });

  it('raises the soft-limit alert once per period', async () => {
    const db = runtime.database.db;
    const orgId = (await createOrg(db)).id;
    await db.insert(budgets).values({ orgId, softLimitMicroUsd: 150, hardLimitMicroUsd: null });
    const store = createPgBudgetStore(db);
    const period = budgetPeriod();
    const limits = { orgHardMicroUsd: null, orgSoftMicroUsd: 150, userHardMicroUsd: null };
    const crossed: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await store.reserve({ orgId, userId: null, period, estimateMicroUsd: 100, limits });
      if (r.ok) crossed.push((await store.settle(r.reservationId, 100)).softLimitCrossed);
    }
    expect(crossed).toEqual([false, true, false, false]);
  });
});
