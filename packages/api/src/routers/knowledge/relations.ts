import { z } from 'zod';
import { linkEntries, relatedEntries, unlinkEntries, ZLinkInput } from '../../services/knowledge';
import { requirePermission } from '../../trpc';

/** Manual links between entries and related-entry suggestions. */
export const relationProcedures = {
  link: requirePermission('knowledge:write')
    .input(ZLinkInput)
    .output(z.object({ id: z.string() }))
    .mutation(({ ctx, input }) => linkEntries(ctx.deps, ctx.scope, input)),

  unlink: requirePermission('knowledge:write')
    .input(z.object({ fromId: z.uuid(), toId: z.uuid() }))
    .output(z.object({ ok: z.literal(true) }))
    .mutation(({ ctx, input }) => unlinkEntries(ctx.deps, ctx.scope, input)),

  related: requirePermission('knowledge:read')
    .input(z.object({ id: z.uuid(), limit: z.number().int().min(1).max(20).default(5) }))
    .output(
      z.object({
        linked: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            type: z.string(),
            kind: z.string(),
            direction: z.enum(['outgoing', 'incoming']),
          }),
        ),
        suggested: z.array(
          z.object({ id: z.string(), title: z.string(), type: z.string(), similarity: z.number() }),
        ),
      }),
    )
    .query(({ ctx, input }) => relatedEntries(ctx.deps, ctx.scope, input)),
};
