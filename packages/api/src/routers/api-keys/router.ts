import { z } from 'zod';
import { SCOPES } from '../../auth/permissions';
import { sessionSecret } from '../../context';
import { createApiKey, listApiKeys, revokeApiKey, ZCreateApiKeyInput } from '../../services/api-keys';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZApiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.enum(SCOPES)),
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
  lastUsedAt: z.date().nullable(),
  expiresAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  createdAt: z.date(),
});

export const apiKeysRouter = createTRPCRouter({
  list: requirePermission('keys:manage')
    .output(z.array(ZApiKey))
    .query(({ ctx }) => listApiKeys(ctx.deps, ctx.scope)),

  /** The secret `key` is in this response only; it cannot be shown again. */
  create: requirePermission('keys:manage')
    .input(ZCreateApiKeyInput)
    .output(z.object({ key: z.string(), apiKey: ZApiKey }))
    .mutation(({ ctx, input }) => createApiKey(ctx.deps, ctx.scope, input, sessionSecret(ctx.env))),

  revoke: requirePermission('keys:manage')
    .input(z.object({ id: z.uuid() }))
    .output(ZApiKey)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.deps, ctx.scope, input.id)),
});
