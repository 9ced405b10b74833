import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { engagementStatusEnum, entrySourceEnum, entryTypeEnum, visibilityEnum } from './enums';
import { organizations, users } from './organizations';

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

/** A client engagement: the unit consultants organize their knowledge by. */
export const engagements = pgTable(
  'engagements',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    clientName: text('client_name').notNull(),
    status: engagementStatusEnum('status').notNull().default('active'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    description: text('description').notNull().default(''),
    /** Extra words that make news relevant to this engagement (industry, products, competitors). */
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    index('engagements_org_status_idx').on(t.orgId, t.status),
    uniqueIndex('engagements_org_name_key').on(t.orgId, t.name).where(sql`${t.deletedAt} is null`),
  ],
);

/** Categories form a tree per organization (adjacency list; descendants via recursive CTE). */
export const knowledgeCategories = pgTable(
  'knowledge_categories',
  {
    id: id(),
    orgId: orgId(),
    parentId: uuid('parent_id').references((): AnyPgColumn => knowledgeCategories.id, {
      onDelete: 'set null',
    }),
    name: text('name').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('knowledge_categories_org_parent_idx').on(t.orgId, t.parentId),
    uniqueIndex('knowledge_categories_sibling_name_key').on(
      t.orgId,
      sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`lower(${t.name})`,
    ),
  ],
);

export const tags = pgTable(
  'tags',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tags_org_name_key').on(t.orgId, sql`lower(${t.name})`)],
);

export type TemplateField = {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'date' | 'select';
  options?: string[];
  required?: boolean;
};

export const templates = pgTable(
  'templates',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    entryType: entryTypeEnum('entry_type').notNull().default('note'),
    fields: jsonb('fields').$type<TemplateField[]>().notNull().default([]),
    bodyTemplate: text('body_template').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('templates_org_name_key').on(t.orgId, sql`lower(${t.name})`)],
);

export const knowledgeEntries = pgTable(
  'knowledge_entries',
  {
    id: id(),
    orgId: orgId(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    engagementId: uuid('engagement_id').references(() => engagements.id, { onDelete: 'set null' }),
    categoryId: uuid('category_id').references(() => knowledgeCategories.id, { onDelete: 'set null' }),
    templateId: uuid('template_id').references(() => templates.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    type: entryTypeEnum('type').notNull().default('note'),
    visibility: visibilityEnum('visibility').notNull().default('organization'),
    source: entrySourceEnum('source').notNull().default('manual'),
    /** SHA-256 of title + body: lets indexing skip re-embedding unchanged content. */
    contentHash: text('content_hash').notNull(),
    /** Hash of the content the chunks were built from; null until indexed. */
    indexedHash: text('indexed_hash'),
    indexedAt: timestamp('indexed_at', { withTimezone: true }),
    wordCount: integer('word_count').notNull().default(0),
    version: integer('version').notNull().default(1),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    // Listing newest-first inside an organization is the hot path for the dashboard.
    index('knowledge_entries_org_updated_idx').on(t.orgId, t.updatedAt.desc(), t.id),
    index('knowledge_entries_org_engagement_idx').on(t.orgId, t.engagementId),
    index('knowledge_entries_org_category_idx').on(t.orgId, t.categoryId),
    index('knowledge_entries_org_author_idx').on(t.orgId, t.authorId),
    index('knowledge_entries_org_deleted_idx').on(t.orgId, t.deletedAt),
  ],
);

export const entryTags = pgTable(
  'entry_tags',
  {
    orgId: orgId(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.tagId] }),
    index('entry_tags_org_tag_idx').on(t.orgId, t.tagId),
  ],
);

export const knowledgeVersions = pgTable(
  'knowledge_versions',
  {
    id: id(),
    orgId: orgId(),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('knowledge_versions_entry_version_key').on(t.entryId, t.version),
    index('knowledge_versions_org_idx').on(t.orgId),
  ],
);

/** Related entries (the knowledge graph). Stored once per direction pair; queries read both ways. */
export const knowledgeLinks = pgTable(
  'knowledge_links',
  {
    id: id(),
    orgId: orgId(),
    fromEntryId: uuid('from_entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    toEntryId: uuid('to_entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull().default('related'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('knowledge_links_pair_key').on(t.fromEntryId, t.toEntryId),
    index('knowledge_links_org_to_idx').on(t.orgId, t.toEntryId),
  ],
);
