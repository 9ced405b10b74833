import { AI_TASKS } from '@consailt/ai';
import { z } from 'zod';
import { loadOrgAiConfig } from '../../services/ai/org-config';
import { getAiUsage, ZUsageInput } from '../../services/ai/usage';
import { actorUserId } from '../../services/types';
import { createTRPCRouter, requirePermission } from '../../trpc';

const TEXT_TASKS = AI_TASKS.filter((t) => t !== 'embed') as [
  Exclude<(typeof AI_TASKS)[number], 'embed'>,
  ...Exclude<(typeof AI_TASKS)[number], 'embed'>[],
];

const ZTotals = z.object({
  calls: z.number(),
  costMicroUsd: z.number(),
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheWriteTokens: z.number(),
});

// AI procedures run without an enclosing transaction: a model call may take many seconds.
export const aiRouter = createTRPCRouter({
  /** The model catalog with prices, and the effective routing for this organization. */
  models: requirePermission('ai:use', { transaction: false })
    .output(
      z.object({
        routes: z.array(
          z.object({
            task: z.string(),
            models: z.array(
              z.object({
                id: z.string(),
                known: z.boolean(),
                name: z.string().nullable(),
                overridden: z.boolean(),
              }),
            ),
          }),
        ),
        catalog: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            provider: z.string(),
            vendor: z.string(),
            kind: z.string(),
            contextWindow: z.number(),
            maxOutputTokens: z.number(),
            price: z.record(z.string(), z.number().nullable().optional()),
            priceSource: z.string(),
            priceAsOf: z.string(),
          }),
        ),
      }),
    )
    .query(async ({ ctx }) => {
      const config = await loadOrgAiConfig(ctx.deps.db, ctx.org.id);
      const view = ctx.deps.ai.routing(config);
      return {
        routes: view.routes,
        catalog: view.catalog.map((m) => ({
          id: m.id,
          name: m.name,
          provider: m.provider,
          vendor: m.vendor,
          kind: m.kind,
          contextWindow: m.contextWindow,
          maxOutputTokens: m.maxOutputTokens,
          price: { ...m.price } as Record<string, number | null | undefined>,
          priceSource: m.priceSource,
          priceAsOf: m.priceAsOf,
        })),
      };
    }),

  usage: requirePermission('analytics:read', { transaction: false })
    .meta({
      openapi: {
        method: 'GET',
        path: '/usage',
        tags: ['usage'],
        summary: 'AI usage and cost (default: this month)',
      },
    })
    .input(ZUsageInput)
    .output(
      z.object({
        from: z.date(),
        to: z.date(),
        totals: ZTotals,
        byDay: z.array(ZTotals.extend({ day: z.string() })),
        byModel: z.array(ZTotals.extend({ modelId: z.string() })),
        byTask: z.array(ZTotals.extend({ task: z.string() })),
        byUser: z.array(
          ZTotals.extend({
            userId: z.string().nullable(),
            name: z.string().nullable(),
            apiKeyId: z.string().nullable(),
            apiKeyName: z.string().nullable(),
          }),
        ),
      }),
    )
    .query(({ ctx, input }) => getAiUsage(ctx.deps.db, ctx.scope, input)),

  /** Run a task on given text (Insights uses this); the org's routing, budget and redaction apply. */
  run: requirePermission('ai:use', { transaction: false })
    .input(
      z.object({
        task: z.enum(TEXT_TASKS),
        text: z.string().trim().min(1, 'Text is required').max(200_000, 'Text is at most 200,000 characters'),
        instructions: z.string().max(4000).optional(),
        maxTokens: z.number().int().min(1).max(8192).optional(),
        pinModel: z.string().max(200).optional(),
      }),
    )
    .output(
      z.object({
        text: z.string(),
        modelId: z.string(),
        provider: z.string(),
        costMicroUsd: z.number(),
        latencyMs: z.number(),
        inputTokens: z.number(),
        outputTokens: z.number(),
        fallbackChain: z.array(z.string()),
        incomplete: z.boolean(),
      }),
    )
    .mutation(async ({ ctx, input, signal }) => {
      const result = await ctx.deps.ai.run({
        orgId: ctx.org.id,
        userId: actorUserId(ctx.actor),
        apiKeyId: ctx.actor.kind === 'apiKey' ? ctx.actor.apiKeyId : null,
        task: input.task,
        system: input.instructions,
        messages: [{ role: 'user', content: input.text }],
        maxTokens: input.maxTokens,
        pinModel: input.pinModel,
        signal,
      });
      return {
        text: result.text,
        modelId: result.modelId,
        provider: result.provider,
        costMicroUsd: result.costMicroUsd,
        latencyMs: result.latencyMs,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        fallbackChain: result.fallbackChain,
        incomplete: result.incomplete,
      };
    }),
});
