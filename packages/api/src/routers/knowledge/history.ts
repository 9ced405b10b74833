import { z } from 'zod';
import {
  deleteEntry,
  diffVersions,
  listTrash,
  listVersions,
  purgeEntry,
  restoreEntry,
  restoreVersion,
} from '../../services/knowledge';
import { requirePermission } from '../../trpc';
import { ZId, ZIdOut } from './schemas';

/** Versions (list, diff, restore) and the trash (delete, list, restore, purge). */
export const historyProcedures = {
  versions: requirePermission('knowledge:read')
    .input(ZId)
    .output(
      z.array(
        z.object({
          version: z.number(),
          title: z.string(),
          editedBy: z.string().nullable(),
          editedByName: z.string().nullable(),
          createdAt: z.date(),
        }),
      ),
    )
    .query(({ ctx, input }) => listVersions(ctx.deps, ctx.scope, input.id)),

  diff: requirePermission('knowledge:read')
    .input(z.object({ id: z.uuid(), from: z.number().int().min(1), to: z.number().int().min(1) }))
    .output(
      z.object({
        from: z.object({ version: z.number(), title: z.string() }),
        to: z.object({ version: z.number(), title: z.string() }),
        titleChanged: z.boolean(),
        changes: z.array(z.object({ op: z.enum(['equal', 'insert', 'delete']), text: z.string() })),
        added: z.number(),
        removed: z.number(),
      }),
    )
    .query(({ ctx, input }) => diffVersions(ctx.deps, ctx.scope, input)),

  restoreVersion: requirePermission('knowledge:write')
    .input(z.object({ id: z.uuid(), version: z.number().int().min(1) }))
    .output(z.object({ id: z.string(), version: z.number(), contentChanged: z.boolean() }))
    .mutation(({ ctx, input }) => restoreVersion(ctx.deps, ctx.scope, input)),

  delete: requirePermission('knowledge:write')
    .input(ZId)
    .output(ZIdOut)
    .mutation(({ ctx, input }) => deleteEntry(ctx.deps, ctx.scope, input.id)),

  trash: requirePermission('knowledge:write')
    .input(
      z
        .object({
          limit: z.number().int().min(1).max(100).default(25),
          cursor: z.string().max(100).nullish(),
        })
        .default({ limit: 25 }),
    )
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            type: z.string(),
            deletedAt: z.date(),
            deletedByName: z.string().nullable(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listTrash(ctx.deps, ctx.scope, input)),

  restore: requirePermission('knowledge:write')
    .input(ZId)
    .output(ZIdOut)
    .mutation(({ ctx, input }) => restoreEntry(ctx.deps, ctx.scope, input.id)),

  purge: requirePermission('knowledge:manage')
    .input(ZId)
    .output(ZIdOut)
    .mutation(({ ctx, input }) => purgeEntry(ctx.deps, ctx.scope, input.id)),
};
