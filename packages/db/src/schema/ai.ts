import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { aiStatusEnum } from './enums';
import { apiKeys, organizations, users } from './organizations';

/** One row per AI call (successful, failed or fallen back); cost in integer micro-USD. */
export const aiInteractions = pgTable(
  'ai_interactions',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    apiKeyId: uuid('api_key_id').references(() => apiKeys.id, { onDelete: 'set null' }),
    task: text('task').notNull(),
    modelId: text('model_id').notNull(),
    provider: text('provider').notNull(),
    inputTokens: integer('input_tokens').notNull().default(0),
    outputTokens: integer('output_tokens').notNull().default(0),
    cacheReadTokens: integer('cache_read_tokens').notNull().default(0),
    cacheWriteTokens: integer('cache_write_tokens').notNull().default(0),
    costMicroUsd: bigint('cost_micro_usd', { mode: 'number' }).notNull().default(0),
    /** True when the stream was cut before the provider reported usage. */
    usageEstimated: boolean('usage_estimated').notNull().default(false),
    latencyMs: integer('latency_ms').notNull().default(0),
    timeToFirstTokenMs: integer('ttft_ms'),
    status: aiStatusEnum('status').notNull(),
    errorCode: text('error_code'),
    fallbackChain: text('fallback_chain').array().notNull().default(sql`'{}'::text[]`),
    traceId: text('trace_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('ai_interactions_org_created_idx').on(t.orgId, t.createdAt),
    index('ai_interactions_org_user_created_idx').on(t.orgId, t.userId, t.createdAt),
  ],
);

/** Monthly limits: one org-wide row (user_id null) plus optional per-user rows. */
export const budgets = pgTable(
  'budgets',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    hardLimitMicroUsd: bigint('hard_limit_micro_usd', { mode: 'number' }),
    softLimitMicroUsd: bigint('soft_limit_micro_usd', { mode: 'number' }),
    /** Reserved-but-unsettled spend for the current period (Postgres-backed enforcement). */
    reservedMicroUsd: bigint('reserved_micro_usd', { mode: 'number' }).notNull().default(0),
    period: text('period').notNull().default('monthly'),
    softAlertedPeriod: text('soft_alerted_period'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    lastAlertAt: timestamp('last_alert_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('budgets_org_user_key').on(
      t.orgId,
      sql`coalesce(${t.userId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
    ),
  ],
);

/**
 * In-flight budget holds (Postgres-backed enforcement, used when there is no Redis). A hold is
 * taken under a lock on the organization's budget row, converted to spend when the call settles,
 * and ignored once expired (a crashed process never blocks the budget for long).
 */
export const aiBudgetReservations = pgTable(
  'ai_budget_reservations',
  {
    id: id(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    amountMicroUsd: bigint('amount_micro_usd', { mode: 'number' }).notNull(),
    /** Set when settled: the actual cost, which then counts as spend. */
    settledMicroUsd: bigint('settled_micro_usd', { mode: 'number' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('ai_budget_reservations_org_period_idx').on(t.orgId, t.period)],
);
