import { z } from 'zod';
import {
  bulkUpdateEntries,
  createEntry,
  getEntry,
  listEntries,
  updateEntry,
  ZBulkInput,
  ZCreateEntryInput,
  ZListEntriesInput,
  ZUpdateEntryInput,
} from '../../services/knowledge';
import { createTRPCRouter, requirePermission } from '../../trpc';
import { historyProcedures } from './history';
import { relationProcedures } from './relations';
import { ZEntry, ZEntrySummary, ZId, ZIdOut } from './schemas';

export const knowledgeRouter = createTRPCRouter({
  list: requirePermission('knowledge:read')
    .meta({
      openapi: {
        method: 'POST',
        path: '/knowledge/query',
        tags: ['knowledge'],
        summary: 'List entries (filters in the body)',
      },
    })
    .input(ZListEntriesInput)
    .output(z.object({ items: z.array(ZEntrySummary), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listEntries(ctx.deps, ctx.scope, input)),

  byId: requirePermission('knowledge:read')
    .meta({
      openapi: { method: 'GET', path: '/knowledge/{id}', tags: ['knowledge'], summary: 'Get an entry' },
    })
    .input(ZId)
    .output(ZEntry)
    .query(({ ctx, input }) => getEntry(ctx.deps, ctx.scope, input.id)),

  create: requirePermission('knowledge:write')
    .meta({
      openapi: { method: 'POST', path: '/knowledge', tags: ['knowledge'], summary: 'Create an entry' },
    })
    .input(ZCreateEntryInput)
    .output(ZIdOut)
    .mutation(async ({ ctx, input }) => {
      const entry = await createEntry(ctx.deps, ctx.scope, input);
      return { id: entry.id };
    }),

  update: requirePermission('knowledge:write')
    .meta({
      openapi: { method: 'PATCH', path: '/knowledge/{id}', tags: ['knowledge'], summary: 'Update an entry' },
    })
    .input(ZUpdateEntryInput)
    .output(z.object({ id: z.string(), version: z.number(), contentChanged: z.boolean() }))
    .mutation(({ ctx, input }) => updateEntry(ctx.deps, ctx.scope, input)),

  bulk: requirePermission('knowledge:write')
    .input(ZBulkInput)
    .output(z.object({ updated: z.number() }))
    .mutation(({ ctx, input }) => bulkUpdateEntries(ctx.deps, ctx.scope, input)),

  ...historyProcedures,
  ...relationProcedures,
});
