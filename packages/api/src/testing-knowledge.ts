import {
  conversations,
  files,
  knowledgeCategories,
  messages,
  searchHistory,
  tags,
  templates,
} from '@consailt/db';
import { createEntry } from '@consailt/db/testing';
import type { Runtime } from './runtime';
import { indexEntry } from './services/indexing/index-entry';

/**
 * Knowledge, search and ask resources of one organization, for tests that must prove another
 * organization can neither see nor touch them (the isolation harness).
 */
export async function createKnowledgeResources(
  runtime: Runtime,
  opts: { orgId: string; userId: string; entryId: string },
) {
  const db = runtime.database.db;
  const { orgId, userId, entryId } = opts;
  await indexEntry(runtime.deps, { orgId, entryId });
  const trashed = await createEntry(db, {
    orgId,
    authorId: userId,
    title: 'B trashed',
    deletedAt: new Date(),
  });
  const [conversation] = await db
    .insert(conversations)
    .values({ orgId, userId, title: 'B conversation' })
    .returning({ id: conversations.id });
  if (!conversation) throw new Error('conversation insert failed');
  const [question] = await db
    .insert(messages)
    .values({ orgId, conversationId: conversation.id, role: 'user', content: 'B question' })
    .returning({ id: messages.id });
  const [answer] = await db
    .insert(messages)
    .values({
      orgId,
      conversationId: conversation.id,
      role: 'assistant',
      content: 'B answer',
      replyToId: question?.id,
    })
    .returning({ id: messages.id });
  const [search] = await db
    .insert(searchHistory)
    .values({ orgId, userId, query: 'B search', resultCount: 1, latencyMs: 1 })
    .returning({ id: searchHistory.id });
  const [tag] = await db.insert(tags).values({ orgId, name: 'b-tag' }).returning({ id: tags.id });
  const [category] = await db
    .insert(knowledgeCategories)
    .values({ orgId, name: 'B category' })
    .returning({ id: knowledgeCategories.id });
  const [template] = await db
    .insert(templates)
    .values({ orgId, name: 'B template', bodyTemplate: '# {{client}}' })
    .returning({ id: templates.id });
  const [file] = await db
    .insert(files)
    .values({ orgId, filename: 'b.md', mimeType: 'text/markdown', sizeBytes: 1, sha256: 'b' })
    .returning({ id: files.id });
  if (!answer || !search || !tag || !category || !template || !file) throw new Error('fixture insert failed');
  return {
    trashedEntryId: trashed.id,
    conversationId: conversation.id,
    messageId: answer.id,
    searchId: search.id,
    tagId: tag.id,
    categoryId: category.id,
    templateId: template.id,
    fileId: file.id,
  };
}
export type KnowledgeResources = Awaited<ReturnType<typeof createKnowledgeResources>>;
