import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { feedStatusEnum } from './enums';
import { engagements, knowledgeEntries } from './knowledge';
import { organizations, users } from './organizations';

const orgId = () =>
  uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

export const newsFeeds = pgTable(
  'news_feeds',
  {
    id: id(),
    orgId: orgId(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    engagementId: uuid('engagement_id').references(() => engagements.id, { onDelete: 'set null' }),
    intervalMinutes: integer('interval_minutes').notNull().default(60),
    status: feedStatusEnum('status').notNull().default('active'),
    // Conditional-GET validators from the last 200 response.
    etag: text('etag'),
    lastModified: text('last_modified'),
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
    lastSuccessAt: timestamp('last_success_at', { withTimezone: true }),
    lastError: text('last_error'),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    nextFetchAt: timestamp('next_fetch_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('news_feeds_org_url_key').on(t.orgId, t.url),
    index('news_feeds_status_next_idx').on(t.status, t.nextFetchAt),
  ],
);

export const newsArticles = pgTable(
  'news_articles',
  {
    id: id(),
    orgId: orgId(),
    feedId: uuid('feed_id')
      .notNull()
      .references(() => newsFeeds.id, { onDelete: 'cascade' }),
    guid: text('guid'),
    link: text('link'),
    title: text('title').notNull(),
    author: text('author'),
    content: text('content').notNull().default(''),
    summary: text('summary'),
    /** Hash of title + content: the last-resort dedupe key when guid and link are missing. */
    dedupeHash: text('dedupe_hash').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
    suggestedTags: text('suggested_tags').array().notNull().default(sql`'{}'::text[]`),
    enrichedAt: timestamp('enriched_at', { withTimezone: true }),
    /** Why enrichment is incomplete (e.g. the AI budget was reached); null when it fully succeeded. */
    enrichError: text('enrich_error'),
    readAt: timestamp('read_at', { withTimezone: true }),
    savedEntryId: uuid('saved_entry_id').references(() => knowledgeEntries.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    // Identity per feed is the guid, else the link, else the content hash: podcast feeds often
    // give every item the same link but distinct guids, so the link only counts without a guid.
    uniqueIndex('news_articles_feed_guid_key').on(t.feedId, t.guid).where(sql`${t.guid} is not null`),
    uniqueIndex('news_articles_feed_link_key')
      .on(t.feedId, t.link)
      .where(sql`${t.guid} is null and ${t.link} is not null`),
    uniqueIndex('news_articles_feed_hash_key')
      .on(t.feedId, t.dedupeHash)
      .where(sql`${t.guid} is null and ${t.link} is null`),
    index('news_articles_org_published_idx').on(t.orgId, t.publishedAt.desc()),
  ],
);

export type RelevanceExplanation = {
  similarity: number;
  clientNameMatch: boolean;
  keywordMatches: string[];
  /** The article came from a feed attached to this engagement. */
  feedEngagement?: boolean;
};

/** Relevance of one article to one engagement, with the parts of the score kept for explanation. */
export const newsRelevance = pgTable(
  'news_relevance',
  {
    orgId: orgId(),
    articleId: uuid('article_id')
      .notNull()
      .references(() => newsArticles.id, { onDelete: 'cascade' }),
    engagementId: uuid('engagement_id')
      .notNull()
      .references(() => engagements.id, { onDelete: 'cascade' }),
    score: real('score').notNull(),
    explanation: jsonb('explanation').$type<RelevanceExplanation>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.engagementId] }),
    index('news_relevance_org_engagement_score_idx').on(t.orgId, t.engagementId, t.score.desc()),
  ],
);
