import { z } from 'zod';
import {
  createCategory,
  deleteCategory,
  listCategories,
  moveCategory,
  renameCategory,
  ZCategoryName,
} from '../../services/taxonomy';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZIdOut = z.object({ id: z.string() });

export const categoriesRouter = createTRPCRouter({
  /** The tree flattened depth-first; build it client-side from `parentId` (or use `depth`). */
  list: requirePermission('knowledge:read')
    .output(
      z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          parentId: z.string().nullable(),
          path: z.array(z.string()),
          depth: z.number(),
          entryCount: z.number(),
        }),
      ),
    )
    .query(({ ctx }) => listCategories(ctx.deps, ctx.scope)),

  create: requirePermission('taxonomy:manage')
    .input(z.object({ name: ZCategoryName, parentId: z.uuid().nullish() }))
    .output(ZIdOut)
    .mutation(({ ctx, input }) => createCategory(ctx.deps, ctx.scope, input)),

  rename: requirePermission('taxonomy:manage')
    .input(z.object({ id: z.uuid(), name: ZCategoryName }))
    .output(ZIdOut)
    .mutation(({ ctx, input }) => renameCategory(ctx.deps, ctx.scope, input)),

  move: requirePermission('taxonomy:manage')
    .input(z.object({ id: z.uuid(), parentId: z.uuid().nullable() }))
    .output(ZIdOut)
    .mutation(({ ctx, input }) => moveCategory(ctx.deps, ctx.scope, input)),

  delete: requirePermission('taxonomy:manage')
    .input(z.object({ id: z.uuid() }))
    .output(z.object({ id: z.string(), entriesMoved: z.number(), parentId: z.string().nullable() }))
    .mutation(({ ctx, input }) => deleteCategory(ctx.deps, ctx.scope, input.id)),
});
