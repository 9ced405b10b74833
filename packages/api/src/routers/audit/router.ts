import { z } from 'zod';
import { listAudit, ZListAuditInput } from '../../services/audit';
import { createTRPCRouter, requirePermission } from '../../trpc';

export const auditRouter = createTRPCRouter({
  list: requirePermission('audit:read')
    .input(ZListAuditInput.default({ limit: 50 }))
    .output(
      z.object({
        items: z.array(
          z.object({
            id: z.string(),
            action: z.string(),
            actorType: z.enum(['user', 'api_key', 'system']),
            actorUserId: z.string().nullable(),
            actorName: z.string().nullable(),
            actorApiKeyId: z.string().nullable(),
            actorKeyName: z.string().nullable(),
            targetType: z.string().nullable(),
            targetId: z.string().nullable(),
            ip: z.string().nullable(),
            userAgent: z.string().nullable(),
            metadata: z.record(z.string(), z.unknown()),
            createdAt: z.date(),
          }),
        ),
        nextCursor: z.string().nullable(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.deps, ctx.scope, input)),
});
