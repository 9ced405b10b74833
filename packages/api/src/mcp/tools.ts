import { ENTRY_TYPES } from '@consailt/db';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Scope } from '../auth/permissions';
import { collectAnswer } from '../rest/ask';
import { type RestError, restErrorFromUnknown } from '../rest/errors';
import type { createCaller } from '../routers/app-router';

type Caller = ReturnType<typeof createCaller>;

export type ToolContext = {
  caller: Caller;
  /** The web app's origin, for links back to entries. */
  origin: string;
  requestId: string;
  /** Called with every error a tool turns into a result (the route answers 429 for rate limits). */
  onError: (error: RestError) => void;
};

/** Tools and the scope each one needs; the procedures they call enforce it. */
export const MCP_TOOL_SCOPES = {
  search_knowledge: 'knowledge:read',
  ask_knowledge: 'ai:use',
  get_entry: 'knowledge:read',
  create_entry: 'knowledge:write',
  list_engagements: 'knowledge:read',
  list_news: 'knowledge:read',
} as const satisfies Record<string, Scope>;

const entryLink = (origin: string, id: string) => `${origin}/knowledge/${id}`;
const articleLink = (origin: string, id: string) => `${origin}/news?article=${id}`;

function ok(text: string, structured: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured };
}

/** Runs a tool body; a refusal or failure becomes an error result naming why (e.g. the missing scope). */
async function run(ctx: ToolContext, body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (error) {
    const payload = restErrorFromUnknown(error, ctx.requestId);
    ctx.onError(payload);
    return {
      isError: true,
      content: [{ type: 'text', text: `${payload.error.code}: ${payload.error.message}` }],
      structuredContent: payload,
    };
  }
}

const scopeNote = (tool: keyof typeof MCP_TOOL_SCOPES) => ` Needs the \`${MCP_TOOL_SCOPES[tool]}\` scope.`;

export function registerTools(server: McpServer, ctx: ToolContext): void {
  const { caller, origin } = ctx;

  server.registerTool(
    'search_knowledge',
    {
      title: 'Search knowledge',
      description:
        "Hybrid keyword + semantic search over the organization's knowledge entries (and optionally news). " +
        'Returns ranked results with snippets and links.' +
        scopeNote('search_knowledge'),
      inputSchema: {
        query: z.string().min(1).max(500).describe('What to look for'),
        limit: z.number().int().min(1).max(25).optional().describe('Results to return (default 10)'),
        source: z
          .enum(['knowledge', 'news', 'all'])
          .optional()
          .describe('Where to search (default knowledge)'),
        engagementId: z.uuid().optional().describe('Only this engagement'),
      },
    },
    (args) =>
      run(ctx, async () => {
        const result = await caller.search.query({
          query: args.query,
          limit: args.limit ?? 10,
          filters: {
            source: args.source ?? 'knowledge',
            ...(args.engagementId ? { engagementIds: [args.engagementId] } : {}),
          },
        });
        const items = result.items.map((item) => ({
          id: item.id,
          kind: item.kind,
          title: item.title,
          heading: item.chunk.heading,
          snippet: item.snippet.map((s) => s.text).join(''),
          score: item.score,
          link: item.kind === 'entry' ? entryLink(origin, item.id) : articleLink(origin, item.id),
        }));
        const text = items.length
          ? items
              .map(
                (i, n) =>
                  `${n + 1}. [${i.title}](${i.link})${i.heading ? ` (${i.heading})` : ''}\n   ${i.snippet}`,
              )
              .join('\n')
          : 'No results.';
        return ok(text, { results: items, total: result.total });
      }),
  );

  server.registerTool(
    'ask_knowledge',
    {
      title: 'Ask the knowledge base',
      description:
        "Answers a question from the organization's knowledge only, with numbered citations [n] and links to the cited entries." +
        scopeNote('ask_knowledge'),
      inputSchema: {
        question: z.string().min(1).max(4000),
        conversationId: z.uuid().optional().describe('Continue an earlier conversation'),
        engagementId: z.uuid().optional().describe('Only use knowledge of this engagement'),
      },
    },
    (args) =>
      run(ctx, async () => {
        const answer = await collectAnswer(
          await caller.ask.send({
            question: args.question,
            conversationId: args.conversationId,
            filters: args.engagementId ? { engagementIds: [args.engagementId] } : undefined,
          }),
        );
        const citations = answer.citations.map((c) => ({
          n: c.n,
          title: c.title,
          snippet: c.snippet,
          entryId: c.entryId,
          articleId: c.articleId,
          link: c.entryId
            ? entryLink(origin, c.entryId)
            : c.articleId
              ? articleLink(origin, c.articleId)
              : null,
        }));
        const sources = citations
          .map((c) => `[${c.n}] ${c.link ? `[${c.title}](${c.link})` : c.title}`)
          .join('\n');
        return ok(sources ? `${answer.content}\n\nSources:\n${sources}` : answer.content, {
          answer: answer.content,
          status: answer.status,
          conversationId: answer.conversationId,
          citations,
        });
      }),
  );

  server.registerTool(
    'get_entry',
    {
      title: 'Get a knowledge entry',
      description: `The full text (markdown) and metadata of one entry.${scopeNote('get_entry')}`,
      inputSchema: { id: z.uuid().describe('Entry id, e.g. from search_knowledge') },
    },
    (args) =>
      run(ctx, async () => {
        const entry = await caller.knowledge.byId({ id: args.id });
        const link = entryLink(origin, entry.id);
        const meta = [entry.type, entry.engagementName, entry.tags.map((t) => t.name).join(', ')].filter(
          Boolean,
        );
        return ok(`# ${entry.title}\n${meta.join(' · ')}\n${link}\n\n${entry.body}`, {
          id: entry.id,
          title: entry.title,
          body: entry.body,
          type: entry.type,
          engagementName: entry.engagementName,
          tags: entry.tags.map((t) => t.name),
          updatedAt: entry.updatedAt.toISOString(),
          link,
        });
      }),
  );

  server.registerTool(
    'create_entry',
    {
      title: 'Create a knowledge entry',
      description:
        'Saves a note, decision, lesson… to the knowledge base; it is indexed for search.' +
        scopeNote('create_entry'),
      inputSchema: {
        title: z.string().min(1).max(300),
        body: z.string().max(200_000).optional().describe('Markdown'),
        type: z.enum(ENTRY_TYPES).optional(),
        tags: z.array(z.string().min(1).max(60)).max(20).optional(),
        engagementId: z.uuid().optional(),
      },
    },
    (args) =>
      run(ctx, async () => {
        const { id } = await caller.knowledge.create({
          title: args.title,
          body: args.body,
          type: args.type,
          tags: args.tags,
          engagementId: args.engagementId,
        });
        const link = entryLink(origin, id);
        return ok(`Created "${args.title}": ${link}`, { id, link });
      }),
  );

  server.registerTool(
    'list_engagements',
    {
      title: 'List engagements',
      description: `The organization's client engagements, with entry counts.${scopeNote('list_engagements')}`,
      inputSchema: {},
    },
    () =>
      run(ctx, async () => {
        const engagements = await caller.engagements.list();
        const items = engagements.map((e) => ({ ...e, link: `${origin}/engagements/${e.id}` }));
        const text = items.length
          ? items
              .map((e) => `- ${e.name} (${e.clientName}, ${e.status}, ${e.entryCount} entries) id=${e.id}`)
              .join('\n')
          : 'No engagements.';
        return ok(text, { engagements: items });
      }),
  );

  server.registerTool(
    'list_news',
    {
      title: 'List news',
      description:
        'Recent articles from subscribed feeds, newest first, with summaries and relevance.' +
        scopeNote('list_news'),
      inputSchema: {
        limit: z.number().int().min(1).max(50).optional(),
        engagementId: z.uuid().optional(),
        unread: z.boolean().optional(),
        cursor: z.string().max(200).optional(),
      },
    },
    (args) =>
      run(ctx, async () => {
        const page = await caller.news.list({
          limit: args.limit ?? 10,
          engagementId: args.engagementId,
          unread: args.unread,
          cursor: args.cursor,
        });
        const items = page.items.map((a) => ({
          id: a.id,
          title: a.title,
          feedTitle: a.feedTitle,
          publishedAt: a.publishedAt.toISOString(),
          summary: a.summary ?? a.excerpt,
          source: a.link,
          link: articleLink(origin, a.id),
          engagements: a.relevance.map((r) => r.engagementName),
        }));
        const text = items.length
          ? items
              .map(
                (a) =>
                  `- [${a.title}](${a.source ?? a.link}) (${a.feedTitle}, ${a.publishedAt.slice(0, 10)})\n  ${a.summary}`,
              )
              .join('\n')
          : 'No articles.';
        return ok(text, { articles: items, nextCursor: page.nextCursor });
      }),
  );
}
