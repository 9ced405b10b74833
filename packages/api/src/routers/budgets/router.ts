import { z } from 'zod';
import { getBudgets, setBudget, ZSetBudgetInput } from '../../services/ai/budgets';
import { createTRPCRouter, requirePermission } from '../../trpc';

export const budgetsRouter = createTRPCRouter({
  get: requirePermission('budgets:manage', { transaction: false })
    .output(
      z.object({
        period: z.string(),
        spentMicroUsd: z.number(),
        reservedMicroUsd: z.number(),
        org: z.object({ hardLimitMicroUsd: z.number().nullable(), softLimitMicroUsd: z.number().nullable() }),
        users: z.array(
          z.object({
            userId: z.string(),
            name: z.string(),
            email: z.string(),
            hardLimitMicroUsd: z.number().nullable(),
            spentMicroUsd: z.number(),
          }),
        ),
      }),
    )
    .query(({ ctx }) => getBudgets(ctx.deps.db, ctx.scope)),

  set: requirePermission('budgets:manage', { transaction: false })
    .input(ZSetBudgetInput)
    .output(
      z.object({
        userId: z.string().nullable(),
        hardLimitMicroUsd: z.number().nullable(),
        softLimitMicroUsd: z.number().nullable(),
      }),
    )
    .mutation(({ ctx, input }) => setBudget(ctx.deps.db, ctx.scope, input)),
});
