import { pgEnum } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('member_role', ['owner', 'admin', 'member', 'viewer']);
export const engagementStatusEnum = pgEnum('engagement_status', [
  'prospect',
  'active',
  'on_hold',
  'completed',
  'archived',
]);
export const entryTypeEnum = pgEnum('entry_type', [
  'note',
  'document',
  'meeting',
  'insight',
  'news',
  'decision',
  'lesson',
]);
export const visibilityEnum = pgEnum('entry_visibility', ['organization', 'private']);
export const entrySourceEnum = pgEnum('entry_source', ['manual', 'import', 'news', 'api']);
export const fileStatusEnum = pgEnum('file_status', ['pending', 'processing', 'completed', 'failed']);
export const feedStatusEnum = pgEnum('feed_status', ['active', 'paused']);
export const messageRoleEnum = pgEnum('message_role', ['user', 'assistant', 'system']);
export const aiStatusEnum = pgEnum('ai_status', ['success', 'error', 'incomplete', 'cancelled', 'refused']);
export const actorTypeEnum = pgEnum('actor_type', ['user', 'api_key', 'system']);

export const ROLES = roleEnum.enumValues;
export type Role = (typeof ROLES)[number];
export const ENTRY_TYPES = entryTypeEnum.enumValues;
export type EntryType = (typeof ENTRY_TYPES)[number];
