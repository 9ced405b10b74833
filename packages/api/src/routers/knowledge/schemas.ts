import { ENTRY_TYPES } from '@consailt/db';
import { z } from 'zod';

export const ZEntrySummary = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(ENTRY_TYPES),
  visibility: z.enum(['organization', 'private']),
  source: z.string(),
  engagementName: z.string().nullable(),
  categoryName: z.string().nullable(),
  authorName: z.string().nullable(),
  tags: z.array(z.string()),
  wordCount: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZEntry = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  type: z.enum(ENTRY_TYPES),
  visibility: z.enum(['organization', 'private']),
  source: z.string(),
  engagementId: z.string().nullable(),
  engagementName: z.string().nullable(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  templateId: z.string().nullable(),
  tags: z.array(z.object({ id: z.string(), name: z.string() })),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  wordCount: z.number(),
  version: z.number(),
  indexedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ZId = z.object({ id: z.uuid('id must be a UUID') });
export const ZIdOut = z.object({ id: z.string() });
