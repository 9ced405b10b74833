import { createHash } from 'node:crypto';
import { ENTRY_TYPES, fileContents, files } from '@consailt/db';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { NotFoundError, PayloadTooLargeError, ValidationError } from '../../errors';
import { assertReferences } from '../knowledge/access';
import { ZEntryTitle } from '../knowledge/create-entry';
import { ZTagName } from '../knowledge/entry-tags';
import { actorUserId, type Deps, type OrgScope } from '../types';
import { detectFormat, MAX_UPLOAD_BYTES } from './formats';

export const ZUploadInput = z.object({
  filename: z.string().trim().min(1, 'File name is required').max(255),
  /** The file, base64-encoded (the size limit applies to the decoded bytes). */
  contentBase64: z.string().max(Math.ceil((MAX_UPLOAD_BYTES * 4) / 3) * 2, 'File is larger than 10 MB'),
  title: ZEntryTitle.optional(),
  type: z.enum(ENTRY_TYPES).default('document'),
  visibility: z.enum(['organization', 'private']).default('organization'),
  engagementId: z.uuid().nullish(),
  categoryId: z.uuid().nullish(),
  tags: z.array(ZTagName).max(30).optional(),
});
export type UploadInput = z.input<typeof ZUploadInput>;

export type FileView = {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  status: 'pending' | 'processing' | 'completed' | 'failed';
  error: string | null;
  entryId: string | null;
  createdAt: Date;
  updatedAt: Date;
};

const view = {
  id: files.id,
  filename: files.filename,
  mimeType: files.mimeType,
  sizeBytes: files.sizeBytes,
  status: files.status,
  error: files.error,
  entryId: files.entryId,
  createdAt: files.createdAt,
  updatedAt: files.updatedAt,
};

function decode(base64: string): Uint8Array {
  const clean = base64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new ValidationError('contentBase64 is not valid base64');
  return new Uint8Array(Buffer.from(clean, 'base64'));
}

/**
 * Accept an upload: size and format are checked at once (the extension must match the content),
 * the bytes are stored with the `files` row in one transaction, and the `import-file` job parses
 * them into an entry. The same bytes uploaded again return the earlier file (a failed one retries).
 */
export async function uploadFile(
  deps: Deps,
  scope: OrgScope,
  raw: UploadInput,
): Promise<FileView & { duplicate: boolean }> {
  const input = ZUploadInput.parse(raw);
  const bytes = decode(input.contentBase64);
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new PayloadTooLargeError(
      `${input.filename} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`,
    );
  }
  if (bytes.length === 0) throw new ValidationError(`${input.filename} is empty`);
  const { mime } = detectFormat(input.filename, bytes);
  await assertReferences(deps.db, scope, input);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const userId = actorUserId(scope.actor);
  const [existing] = await deps.db
    .select(view)
    .from(files)
    .where(and(eq(files.orgId, scope.orgId), eq(files.sha256, hash)))
    .for('update');
  if (existing && existing.status !== 'failed' && (existing.status !== 'completed' || existing.entryId)) {
    return { ...existing, duplicate: true };
  }
  const values = {
    filename: input.filename,
    mimeType: mime,
    sizeBytes: bytes.length,
    status: 'pending' as const,
    error: null,
    entryId: null,
  };
  const [row] = existing
    ? await deps.db.update(files).set(values).where(eq(files.id, existing.id)).returning(view)
    : await deps.db
        .insert(files)
        .values({ ...values, orgId: scope.orgId, uploadedBy: userId, sha256: hash })
        .returning(view);
  if (!row) throw new Error('file insert returned nothing');
  await deps.db
    .insert(fileContents)
    .values({ fileId: row.id, orgId: scope.orgId, data: bytes })
    .onConflictDoUpdate({ target: fileContents.fileId, set: { data: bytes } });
  await deps.queue.enqueue('import-file', {
    orgId: scope.orgId,
    fileId: row.id,
    ...(userId ? { userId } : {}),
    entry: {
      title: input.title,
      type: input.type,
      visibility: input.visibility,
      engagementId: input.engagementId ?? null,
      categoryId: input.categoryId ?? null,
      tags: input.tags,
    },
  });
  return { ...row, duplicate: false };
}

export async function getFile(deps: Pick<Deps, 'db'>, scope: OrgScope, id: string): Promise<FileView> {
  const [row] = await deps.db
    .select(view)
    .from(files)
    .where(and(eq(files.id, id), eq(files.orgId, scope.orgId)));
  if (!row) throw new NotFoundError('File', id);
  return row;
}

/** The organization's latest uploads and where they stand. */
export async function listFiles(deps: Pick<Deps, 'db'>, scope: OrgScope, limit: number): Promise<FileView[]> {
  return deps.db
    .select(view)
    .from(files)
    .where(eq(files.orgId, scope.orgId))
    .orderBy(desc(files.createdAt))
    .limit(limit);
}
