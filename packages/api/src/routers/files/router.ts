import { z } from 'zod';
import { getFile, listFiles, uploadFile, ZUploadInput } from '../../services/import';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZFile = z.object({
  id: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number(),
  status: z.enum(['pending', 'processing', 'completed', 'failed']),
  error: z.string().nullable(),
  entryId: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const filesRouter = createTRPCRouter({
  /** Import a document (Markdown, text, HTML, PDF, DOCX; at most 10 MB); poll `byId` for the result. */
  upload: requirePermission('knowledge:write')
    .meta({
      openapi: {
        method: 'POST',
        path: '/files',
        tags: ['knowledge'],
        summary: 'Import a file (base64) as an entry',
      },
    })
    .input(ZUploadInput)
    .output(ZFile.extend({ duplicate: z.boolean() }))
    .mutation(({ ctx, input }) => uploadFile(ctx.deps, ctx.scope, input)),

  byId: requirePermission('knowledge:read')
    .meta({
      openapi: {
        method: 'GET',
        path: '/files/{id}',
        tags: ['knowledge'],
        summary: 'Import status of a file',
      },
    })
    .input(z.object({ id: z.uuid() }))
    .output(ZFile)
    .query(({ ctx, input }) => getFile(ctx.deps, ctx.scope, input.id)),

  list: requirePermission('knowledge:read')
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50) }).default({ limit: 50 }))
    .output(z.array(ZFile))
    .query(({ ctx, input }) => listFiles(ctx.deps, ctx.scope, input.limit)),
});
