import { z } from 'zod';
import { listTags, mergeTags, renameTag, ZMergeTagsInput, ZRenameTagInput } from '../../services/taxonomy';
import { createTRPCRouter, requirePermission } from '../../trpc';

export const tagsRouter = createTRPCRouter({
  list: requirePermission('knowledge:read')
    .output(z.array(z.object({ id: z.string(), name: z.string(), entryCount: z.number() })))
    .query(({ ctx }) => listTags(ctx.deps, ctx.scope)),

  rename: requirePermission('taxonomy:manage')
    .input(ZRenameTagInput)
    .output(z.object({ id: z.string(), name: z.string() }))
    .mutation(({ ctx, input }) => renameTag(ctx.deps, ctx.scope, input)),

  merge: requirePermission('taxonomy:manage')
    .input(ZMergeTagsInput)
    .output(z.object({ id: z.string(), merged: z.number() }))
    .mutation(({ ctx, input }) => mergeTags(ctx.deps, ctx.scope, input)),
});
