import { ENTRY_TYPES, type EntryType, fileContents, files, withOrgContext } from '@consailt/db';
import { and, eq } from 'drizzle-orm';
import type { QueuePayloads } from '../../queue/contract';
import { createDeferredQueue } from '../../queue/deferred';
import { createEntry } from '../knowledge/create-entry';
import type { Actor, Deps } from '../types';
import { detectFormat } from './formats';
import { ImportError, parseDocument } from './parse';

export type ImportResult =
  | { status: 'completed'; entryId: string }
  | { status: 'failed'; error: string }
  | { status: 'skipped'; reason: string };

const MAX_BODY_CHARS = 500_000;

/**
 * Parse an uploaded file into a knowledge entry (source `import`). The entry, the file's status
 * and the removal of the stored bytes commit together, so a failure never leaves half an import.
 * A document that cannot be read (corrupt, encrypted, no text) marks the file failed with the
 * reason and is not retried; anything else throws so the queue retries it.
 */
export async function importFile(deps: Deps, payload: QueuePayloads['import-file']): Promise<ImportResult> {
  const { orgId, fileId } = payload;
  const loaded = await withOrgContext(deps.db, orgId, async (tx) => {
    const [file] = await tx
      .select()
      .from(files)
      .where(and(eq(files.id, fileId), eq(files.orgId, orgId)));
    if (!file) return null;
    if (file.status === 'completed' || file.status === 'failed') return { file, data: null };
    const [content] = await tx
      .select({ data: fileContents.data })
      .from(fileContents)
      .where(eq(fileContents.fileId, fileId));
    await tx.update(files).set({ status: 'processing' }).where(eq(files.id, fileId));
    return { file, data: content?.data ?? null };
  });
  if (!loaded) return { status: 'skipped', reason: 'file no longer exists' };
  if (!loaded.data) return { status: 'skipped', reason: `file is ${loaded.file.status}` };
  const { file, data } = loaded;

  const fail = (error: string) =>
    withOrgContext(deps.db, orgId, async (tx) => {
      await tx.update(files).set({ status: 'failed', error }).where(eq(files.id, fileId));
      await tx.delete(fileContents).where(eq(fileContents.fileId, fileId));
      return { status: 'failed' as const, error };
    });

  let parsed: Awaited<ReturnType<typeof parseDocument>>;
  try {
    parsed = await parseDocument(detectFormat(file.filename, data).format, data);
  } catch (error) {
    if (error instanceof ImportError || (error instanceof Error && error.name === 'ValidationError'))
      return fail(error.message);
    throw error;
  }
  if (parsed.body.length > MAX_BODY_CHARS) {
    return fail(
      `The document's text is ${parsed.body.length.toLocaleString('en')} characters; entries hold at most 500,000`,
    );
  }

  const opts = payload.entry ?? {};
  const actor: Actor = payload.userId
    ? { kind: 'user', userId: payload.userId, role: 'member', scopes: [] }
    : { kind: 'system' };
  const title = (opts.title || parsed.title || file.filename.replace(/\.[^.]+$/, '')).slice(0, 300);
  // Jobs queued by createEntry (indexing) must not run before this transaction commits.
  const deferred = createDeferredQueue(deps.queue);
  const entryId = await withOrgContext(deps.db, orgId, async (tx) => {
    const entry = await createEntry(
      { ...deps, db: tx, queue: deferred.backend },
      { orgId, actor },
      {
        title,
        body: parsed.body,
        type: ENTRY_TYPES.includes(opts.type as EntryType) ? (opts.type as EntryType) : 'document',
        visibility: opts.visibility ?? 'organization',
        engagementId: opts.engagementId ?? null,
        categoryId: opts.categoryId ?? null,
        tags: opts.tags,
      },
      { source: 'import', metadata: { fileId, filename: file.filename } },
    );
    await tx
      .update(files)
      .set({ status: 'completed', error: null, entryId: entry.id })
      .where(eq(files.id, fileId));
    await tx.delete(fileContents).where(eq(fileContents.fileId, fileId));
    return entry.id;
  }).catch(async (error: unknown) => {
    // A reference that vanished since the upload (engagement deleted…) is the user's to fix.
    if (error instanceof Error && error.name === 'NotFoundError')
      return fail(`Could not file the entry: ${error.message}`);
    throw error;
  });
  if (typeof entryId !== 'string') return entryId;
  await deferred.flush();
  return { status: 'completed', entryId };
}
