import { z } from 'zod';
import { getAiSettings, updateAiSettings, ZUpdateAiSettingsInput } from '../../services/ai/settings';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZAiSettings = z.object({
  routes: z.record(z.string(), z.array(z.string())),
  sensitiveTerms: z.array(z.string()),
  sanitize: z.boolean(),
  tracePrompts: z.boolean(),
});

export const settingsRouter = createTRPCRouter({
  getAi: requirePermission('ai:use', { transaction: false })
    .output(ZAiSettings)
    .query(({ ctx }) => getAiSettings(ctx.deps.db, ctx.scope)),

  updateAi: requirePermission('settings:manage', { transaction: false })
    .input(ZUpdateAiSettingsInput)
    .output(ZAiSettings)
    .mutation(({ ctx, input }) => updateAiSettings(ctx.deps.db, ctx.deps.ai, ctx.scope, input)),
});
