import { knowledgeVersions, users } from '@consailt/db';
import { diffLines } from 'diff';
import { and, desc, eq } from 'drizzle-orm';
import { NotFoundError } from '../../errors';
import type { Deps, OrgScope } from '../types';
import { loadEntry } from './access';
import { updateEntry } from './update-entry';

/** An entry's versions, newest first (without bodies: the list stays small). */
export async function listVersions(deps: Pick<Deps, 'db'>, scope: OrgScope, entryId: string) {
  await loadEntry(deps.db, scope, entryId);
  return deps.db
    .select({
      version: knowledgeVersions.version,
      title: knowledgeVersions.title,
      editedBy: knowledgeVersions.editedBy,
      editedByName: users.name,
      createdAt: knowledgeVersions.createdAt,
    })
    .from(knowledgeVersions)
    .leftJoin(users, eq(users.id, knowledgeVersions.editedBy))
    .where(and(eq(knowledgeVersions.orgId, scope.orgId), eq(knowledgeVersions.entryId, entryId)))
    .orderBy(desc(knowledgeVersions.version));
}

async function loadVersion(deps: Pick<Deps, 'db'>, scope: OrgScope, entryId: string, version: number) {
  const [row] = await deps.db
    .select({
      version: knowledgeVersions.version,
      title: knowledgeVersions.title,
      body: knowledgeVersions.body,
    })
    .from(knowledgeVersions)
    .where(
      and(
        eq(knowledgeVersions.orgId, scope.orgId),
        eq(knowledgeVersions.entryId, entryId),
        eq(knowledgeVersions.version, version),
      ),
    );
  if (!row) throw new NotFoundError('Version', String(version));
  return row;
}

export type DiffLine = { op: 'equal' | 'insert' | 'delete'; text: string };

/** Line diff of two versions' bodies (markdown is line-oriented), plus both titles. */
export async function diffVersions(
  deps: Pick<Deps, 'db'>,
  scope: OrgScope,
  input: { id: string; from: number; to: number },
) {
  await loadEntry(deps.db, scope, input.id);
  const [from, to] = await Promise.all([
    loadVersion(deps, scope, input.id, input.from),
    loadVersion(deps, scope, input.id, input.to),
  ]);
  const changes: DiffLine[] = diffLines(from.body, to.body).map((part) => ({
    op: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
  return {
    from: { version: from.version, title: from.title },
    to: { version: to.version, title: to.title },
    titleChanged: from.title !== to.title,
    changes,
    added: changes.filter((c) => c.op === 'insert').reduce((n, c) => n + c.text.split('\n').length - 1, 0),
    removed: changes.filter((c) => c.op === 'delete').reduce((n, c) => n + c.text.split('\n').length - 1, 0),
  };
}

/** Bring back an old version's title and body as a new version (history is never rewritten). */
export async function restoreVersion(deps: Deps, scope: OrgScope, input: { id: string; version: number }) {
  await loadEntry(deps.db, scope, input.id);
  const old = await loadVersion(deps, scope, input.id, input.version);
  return updateEntry(deps, scope, { id: input.id, title: old.title, body: old.body });
}
