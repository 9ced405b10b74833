import { ENTRY_TYPES } from '@consailt/db';
import { z } from 'zod';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  renderTemplate,
  updateTemplate,
  ZCreateTemplateInput,
  ZTemplateField,
  ZUpdateTemplateInput,
} from '../../services/templates';
import { createTRPCRouter, requirePermission } from '../../trpc';

const ZTemplate = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  entryType: z.enum(ENTRY_TYPES),
  fields: z.array(ZTemplateField),
  bodyTemplate: z.string(),
  updatedAt: z.date(),
});
const ZIdOut = z.object({ id: z.string() });

export const templatesRouter = createTRPCRouter({
  list: requirePermission('knowledge:read')
    .output(z.array(ZTemplate))
    .query(({ ctx }) => listTemplates(ctx.deps, ctx.scope)),

  byId: requirePermission('knowledge:read')
    .input(z.object({ id: z.uuid() }))
    .output(ZTemplate)
    .query(({ ctx, input }) => getTemplate(ctx.deps, ctx.scope, input.id)),

  /** The body (and type) a new entry starts with, the fields' values filled in. */
  render: requirePermission('knowledge:read')
    .input(z.object({ id: z.uuid(), values: z.record(z.string(), z.string().max(20_000)).default({}) }))
    .output(z.object({ templateId: z.string(), type: z.enum(ENTRY_TYPES), body: z.string() }))
    .query(({ ctx, input }) => renderTemplate(ctx.deps, ctx.scope, input)),

  create: requirePermission('taxonomy:manage')
    .input(ZCreateTemplateInput)
    .output(ZIdOut)
    .mutation(({ ctx, input }) => createTemplate(ctx.deps, ctx.scope, input)),

  update: requirePermission('taxonomy:manage')
    .input(ZUpdateTemplateInput)
    .output(ZIdOut)
    .mutation(({ ctx, input }) => updateTemplate(ctx.deps, ctx.scope, input)),

  delete: requirePermission('taxonomy:manage')
    .input(z.object({ id: z.uuid() }))
    .output(ZIdOut)
    .mutation(({ ctx, input }) => deleteTemplate(ctx.deps, ctx.scope, input.id)),
});
