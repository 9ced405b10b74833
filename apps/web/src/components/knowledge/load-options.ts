import { cache } from 'react';
import { serverCaller } from '@/trpc/server';
import type { KnowledgeOptions } from './options';

/** Loads the picker options once per request (Server Components only). */
export const loadKnowledgeOptions = cache(async (): Promise<KnowledgeOptions> => {
  const caller = await serverCaller();
  const [engagements, categories, tags, members] = await Promise.all([
    caller.engagements.list(),
    caller.categories.list(),
    caller.tags.list(),
    caller.members.list(),
  ]);
  return {
    engagements: engagements.map((e) => ({ id: e.id, name: e.name })),
    categories: categories.map((c) => ({ id: c.id, name: c.name, depth: c.depth, path: c.path })),
    tags: tags.map((t) => ({ id: t.id, name: t.name })),
    authors: members.map((m) => ({ id: m.userId, name: m.name })),
  };
});
