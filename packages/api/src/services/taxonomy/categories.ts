import { knowledgeCategories, knowledgeEntries } from '@consailt/db';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ConflictError, NotFoundError, ValidationError } from '../../errors';
import { recordAudit } from '../audit/record-audit';
import { visibleEntrySql } from '../search/filters';
import { queryRows } from '../search/sql-utils';
import type { Deps, OrgScope } from '../types';

export const ZCategoryName = z
  .string()
  .trim()
  .min(1, 'Name is required')
  .max(100, 'Name is at most 100 characters');

export type CategoryNode = {
  id: string;
  name: string;
  parentId: string | null;
  path: string[];
  depth: number;
  entryCount: number;
};

/** The whole tree, flattened depth-first (siblings by name); each node has its path and entry count. */
export async function listCategories(deps: Pick<Deps, 'db'>, scope: OrgScope): Promise<CategoryNode[]> {
  const rows = await queryRows<{
    id: string;
    name: string;
    parent_id: string | null;
    path: string[];
    entry_count: number;
  }>(
    deps.db,
    sql`with recursive tree as (
          select id, name, parent_id, array[name] as path, array[lower(name)] as sort_key
          from knowledge_categories where org_id = ${scope.orgId} and parent_id is null
          union all
          select k.id, k.name, k.parent_id, tree.path || k.name, tree.sort_key || lower(k.name)
          from knowledge_categories k join tree on k.parent_id = tree.id where k.org_id = ${scope.orgId}
        )
        select tree.id, tree.name, tree.parent_id, tree.path,
          (select count(*)::int from knowledge_entries e where e.category_id = tree.id and ${visibleEntrySql(scope)}) as entry_count
        from tree order by tree.sort_key`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    path: r.path,
    depth: r.path.length - 1,
    entryCount: r.entry_count,
  }));
}

async function loadCategory(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const [row] = await deps.db
    .select()
    .from(knowledgeCategories)
    .where(and(eq(knowledgeCategories.id, id), eq(knowledgeCategories.orgId, scope.orgId)));
  if (!row) throw new NotFoundError('Category', id);
  return row;
}

/** Sibling names are unique (case-insensitively); the index enforces it, this gives the message. */
async function assertFreeName(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  parentId: string | null,
  name: string,
  self?: string,
) {
  const [clash] = await queryRows<{ id: string }>(
    deps.db,
    sql`select id from knowledge_categories where org_id = ${scope.orgId}
        and parent_id is not distinct from ${parentId}::uuid and lower(name) = ${name.toLowerCase()}
        ${self ? sql`and id <> ${self}` : sql``}`,
  );
  if (clash) throw new ConflictError(`A category named "${name}" already exists there`);
}

export async function createCategory(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { name: string; parentId?: string | null },
) {
  if (input.parentId) await loadCategory(deps, scope, input.parentId);
  await assertFreeName(deps, scope, input.parentId ?? null, input.name);
  const [row] = await deps.db
    .insert(knowledgeCategories)
    .values({ orgId: scope.orgId, name: input.name, parentId: input.parentId ?? null })
    .returning({ id: knowledgeCategories.id });
  return { id: row?.id ?? '' };
}

export async function renameCategory(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { id: string; name: string },
) {
  const category = await loadCategory(deps, scope, input.id);
  await assertFreeName(deps, scope, category.parentId, input.name, category.id);
  await deps.db
    .update(knowledgeCategories)
    .set({ name: input.name })
    .where(and(eq(knowledgeCategories.id, input.id), eq(knowledgeCategories.orgId, scope.orgId)));
  return { id: input.id };
}

/** Move a category under another (or to the top); moving it under itself or its own subtree is refused. */
export async function moveCategory(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { id: string; parentId: string | null },
) {
  const category = await loadCategory(deps, scope, input.id);
  if (input.parentId) {
    await loadCategory(deps, scope, input.parentId);
    const [cycle] = await queryRows<{ id: string }>(
      deps.db,
      sql`with recursive sub as (
            select id from knowledge_categories where id = ${category.id} and org_id = ${scope.orgId}
            union all
            select k.id from knowledge_categories k join sub on k.parent_id = sub.id where k.org_id = ${scope.orgId}
          ) select id from sub where id = ${input.parentId}`,
    );
    if (cycle)
      throw new ValidationError('A category cannot be moved under itself or one of its subcategories');
  }
  await assertFreeName(deps, scope, input.parentId, category.name, category.id);
  await deps.db
    .update(knowledgeCategories)
    .set({ parentId: input.parentId })
    .where(and(eq(knowledgeCategories.id, input.id), eq(knowledgeCategories.orgId, scope.orgId)));
  return { id: input.id };
}

/** Delete a category: its entries and subcategories move up to its parent (or to the top level). */
export async function deleteCategory(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string) {
  const category = await loadCategory(deps, scope, id);
  const children = await deps.db
    .select({ id: knowledgeCategories.id, name: knowledgeCategories.name })
    .from(knowledgeCategories)
    .where(and(eq(knowledgeCategories.orgId, scope.orgId), eq(knowledgeCategories.parentId, id)));
  for (const child of children) await assertFreeName(deps, scope, category.parentId, child.name, child.id);
  const moved = await deps.db
    .update(knowledgeEntries)
    .set({ categoryId: category.parentId, updatedAt: sql`${knowledgeEntries.updatedAt}` })
    .where(and(eq(knowledgeEntries.orgId, scope.orgId), eq(knowledgeEntries.categoryId, id)))
    .returning({ id: knowledgeEntries.id });
  await deps.db
    .update(knowledgeCategories)
    .set({ parentId: category.parentId })
    .where(and(eq(knowledgeCategories.orgId, scope.orgId), eq(knowledgeCategories.parentId, id)));
  await deps.db
    .delete(knowledgeCategories)
    .where(and(eq(knowledgeCategories.id, id), eq(knowledgeCategories.orgId, scope.orgId)));
  await recordAudit(deps.db, {
    orgId: scope.orgId,
    actor: scope.actor,
    action: 'category.delete',
    targetType: 'category',
    targetId: id,
    metadata: { name: category.name, entriesMoved: moved.length, subcategoriesMoved: children.length },
    request: scope.request,
  });
  return { id, entriesMoved: moved.length, parentId: category.parentId };
}
