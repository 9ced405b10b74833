import {
  type AnyPgColumn,
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { messageRoleEnum } from './enums';
import { engagements } from './knowledge';
import { organizations, users } from './organizations';

export type Citation = {
  n: number;
  entryId: string | null;
  articleId: string | null;
  chunkId: string;
  title: string;
  snippet: string;
};

export const conversations = pgTable(
  'conversations',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    engagementId: uuid('engagement_id').references(() => engagements.id, { onDelete: 'set null' }),
    title: text('title').notNull().default('New conversation'),
    /** Rolling summary of turns that no longer fit the context budget. */
    summary: text('summary'),
    summarizedThrough: integer('summarized_through').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('conversations_org_user_updated_idx').on(t.orgId, t.userId, t.updatedAt)],
);

export const messages = pgTable(
  'messages',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    role: messageRoleEnum('role').notNull(),
    content: text('content').notNull(),
    citations: jsonb('citations').$type<Citation[]>().notNull().default([]),
    modelId: text('model_id'),
    interactionId: uuid('interaction_id'),
    /** For an assistant message: the user message it answers (regenerate adds another answer). */
    replyToId: uuid('reply_to_id').references((): AnyPgColumn => messages.id, { onDelete: 'cascade' }),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }),
    latencyMs: integer('latency_ms'),
    status: text('status').notNull().default('complete'),
    /** -1 thumbs down, 1 thumbs up, null no feedback. */
    feedback: smallint('feedback'),
    feedbackComment: text('feedback_comment'),
    createdAt: createdAt(),
  },
  (t) => [index('messages_conversation_created_idx').on(t.conversationId, t.createdAt)],
);
