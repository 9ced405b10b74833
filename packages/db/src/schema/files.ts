import { bigint, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytea, createdAt, id, updatedAt } from './columns';
import { fileStatusEnum } from './enums';
import { knowledgeEntries } from './knowledge';
import { organizations, users } from './organizations';

/** An uploaded document and its processing state; the parsed text becomes a knowledge entry. */
export const files = pgTable(
  'files',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    filename: text('filename').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** Where the raw bytes live (local path or object-store key); cleared once parsed. */
    storageKey: text('storage_key'),
    status: fileStatusEnum('status').notNull().default('pending'),
    error: text('error'),
    entryId: uuid('entry_id').references(() => knowledgeEntries.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('files_org_created_idx').on(t.orgId, t.createdAt),
    uniqueIndex('files_org_sha256_key').on(t.orgId, t.sha256),
  ],
);

/**
 * The uploaded bytes between upload and the `import-file` job, kept in the database rather than on
 * a local disk so the web process and a worker on another machine see the same thing, and so an
 * upload and its bytes commit (or roll back) together. Deleted once the file is parsed or failed.
 */
export const fileContents = pgTable('file_contents', {
  fileId: uuid('file_id')
    .primaryKey()
    .references(() => files.id, { onDelete: 'cascade' }),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  data: bytea('data').notNull(),
  createdAt: createdAt(),
});
