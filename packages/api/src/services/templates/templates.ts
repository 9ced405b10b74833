import { ENTRY_TYPES, templates } from '@consailt/db';
import { and, eq, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { actorUserId, type Deps, type OrgScope } from '../types';

export const ZTemplateField = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'Field keys are lowercase letters, digits and _'),
  label: z.string().trim().min(1).max(100),
  kind: z.enum(['text', 'textarea', 'date', 'select']),
  options: z.array(z.string().trim().min(1).max(100)).max(50).optional(),
  required: z.boolean().optional(),
});

const templateShape = {
  name: z.string().trim().min(1, 'Name is required').max(100),
  description: z.string().trim().max(1000),
  entryType: z.enum(ENTRY_TYPES),
  fields: z.array(ZTemplateField).max(30),
  /** Markdown with `{{key}}` placeholders that the fields fill in. */
  bodyTemplate: z.string().max(100_000),
};
export const ZCreateTemplateInput = z.object({
  ...templateShape,
  description: templateShape.description.default(''),
  entryType: templateShape.entryType.default('note'),
  fields: templateShape.fields.default([]),
  bodyTemplate: templateShape.bodyTemplate.default(''),
});
export const ZUpdateTemplateInput = z
  .object({ id: z.uuid() })
  .extend(z.object(templateShape).partial().shape);

const columns = {
  id: templates.id,
  name: templates.name,
  description: templates.description,
  entryType: templates.entryType,
  fields: templates.fields,
  bodyTemplate: templates.bodyTemplate,
  updatedAt: templates.updatedAt,
};

export async function listTemplates(deps: Pick<Deps, 'db'>, scope: OrgScope) {
  return deps.db
    .select(columns)
    .from(templates)
    .where(eq(templates.orgId, scope.orgId))
    .orderBy(sql`lower(${templates.name})`);
}

export async function getTemplate(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const [row] = await deps.db
    .select(columns)
    .from(templates)
    .where(and(eq(templates.id, id), eq(templates.orgId, scope.orgId)));
  if (!row) throw new NotFoundError('Template', id);
  return row;
}

async function assertFreeName(deps: Pick<Deps, 'db'>, scope: OrgScope, name: string, self?: string) {
  const [clash] = await deps.db
    .select({ id: templates.id })
    .from(templates)
    .where(
      and(
        eq(templates.orgId, scope.orgId),
        sql`lower(${templates.name}) = ${name.toLowerCase()}`,
        ...(self ? [ne(templates.id, self)] : []),
      ),
    );
  if (clash) throw new ConflictError(`A template named "${name}" already exists`);
}

function assertFieldsMatch(fields: z.output<typeof ZTemplateField>[]) {
  const keys = fields.map((f) => f.key);
  if (new Set(keys).size !== keys.length) throw new ValidationError('Field keys must be unique');
  for (const f of fields) {
    if (f.kind === 'select' && !f.options?.length) throw new ValidationError(`Field ${f.key} needs options`);
  }
}

export async function createTemplate(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZCreateTemplateInput>,
) {
  assertFieldsMatch(input.fields);
  await assertFreeName(deps, scope, input.name);
  const [row] = await deps.db
    .insert(templates)
    .values({ ...input, orgId: scope.orgId, createdBy: actorUserId(scope.actor) })
    .returning({ id: templates.id });
  return { id: row?.id ?? '' };
}

export async function updateTemplate(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: z.output<typeof ZUpdateTemplateInput>,
) {
  await getTemplate(deps, scope, input.id);
  if (input.fields) assertFieldsMatch(input.fields);
  if (input.name) await assertFreeName(deps, scope, input.name, input.id);
  const { id, ...changes } = input;
  await deps.db
    .update(templates)
    .set(changes)
    .where(and(eq(templates.id, id), eq(templates.orgId, scope.orgId)));
  return { id };
}

export async function deleteTemplate(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const template = await getTemplate(deps, scope, id);
  await deps.db.delete(templates).where(and(eq(templates.id, id), eq(templates.orgId, scope.orgId)));
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'template.delete',
    targetType: 'template',
    targetId: id,
    metadata: { name: template.name },
    request: scope.request,
  });
  return { id };
}

/**
 * Pre-fill a new entry from a template: `{{key}}` placeholders take the field values (a required
 * field without a value is refused; unknown placeholders stay as they are for the author to edit).
 */
export async function renderTemplate(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { id: string; values: Record<string, string> },
) {
  const template = await getTemplate(deps, scope, input.id);
  const missing = template.fields
    .filter((f) => f.required && !input.values[f.key]?.trim())
    .map((f) => f.label);
  if (missing.length > 0) throw new ValidationError(`Required: ${missing.join(', ')}`);
  const known = new Map(template.fields.map((f) => [f.key, input.values[f.key] ?? '']));
  const body = template.bodyTemplate.replace(/\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g, (whole, key: string) =>
    known.has(key) ? (known.get(key) ?? '') : whole,
  );
  return { templateId: template.id, type: template.entryType, body };
}
