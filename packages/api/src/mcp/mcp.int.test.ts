import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiFixture, startApiFixture } from '../rest/fixture';
import { MCP_TOOL_SCOPES } from './tools';

type ToolResult = {
  isError?: boolean;
  content: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
};

describe('MCP server over Streamable HTTP (official client)', () => {
  let f: ApiFixture;
  const clients: Client[] = [];

  beforeAll(async () => {
    f = await startApiFixture();
  });
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    await f?.close();
  });

  async function connect(key: string | null): Promise<Client> {
    const client = new Client({ name: 'consailt-test', version: '1.0.0' });
    const transport = new StreamableHTTPClientTransport(new URL(`${f.url}/api/mcp`), {
      requestInit: { headers: key ? { authorization: `Bearer ${key}` } : {} },
    });
    await client.connect(transport);
    clients.push(client);
    return client;
  }
  const text = (r: ToolResult) => r.content.map((c) => c.text ?? '').join('\n');

  it('lists the tools with their JSON input schemas', async () => {
    const client = await connect(f.fullKey);
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(Object.keys(MCP_TOOL_SCOPES).sort());
    const search = tools.find((t) => t.name === 'search_knowledge');
    expect(search?.inputSchema).toMatchObject({ type: 'object', required: ['query'] });
    expect(search?.description).toContain('knowledge:read');
  });

  it('calls every tool; results carry links and citations', async () => {
    const client = await connect(f.fullKey);
    const call = async (name: string, args: Record<string, unknown>) => {
      const result = (await client.callTool({ name, arguments: args })) as ToolResult;
      expect(result.isError, `${name}: ${text(result)}`).toBeFalsy();
      return result;
    };

    const search = await call('search_knowledge', { query: 'shadow a partner' });
    const results = search.structuredContent?.results as { id: string; link: string }[];
    expect(results[0]?.id).toBe(f.entryId);
    expect(results[0]?.link).toBe(`${f.url}/knowledge/${f.entryId}`);
    expect(text(search)).toContain(`(${f.url}/knowledge/${f.entryId})`);

    const ask = await call('ask_knowledge', { question: 'When do new consultants shadow a partner?' });
    expect(text(ask)).toContain('week two');
    const citations = ask.structuredContent?.citations as { n: number; entryId: string; link: string }[];
    expect(citations[0]).toMatchObject({ n: 1, entryId: f.entryId, link: `${f.url}/knowledge/${f.entryId}` });
    expect(text(ask)).toContain('Sources:\n[1] [Onboarding checklist]');

    const entry = await call('get_entry', { id: f.entryId });
    expect(entry.structuredContent).toMatchObject({ title: 'Onboarding checklist', tags: ['onboarding'] });
    expect(text(entry)).toContain('shadow a partner in week two');

    const created = await call('create_entry', { title: 'Client prefers Friday updates', tags: ['client'] });
    const createdId = created.structuredContent?.id as string;
    expect((await call('get_entry', { id: createdId })).structuredContent?.title).toBe(
      'Client prefers Friday updates',
    );

    const engagements = await call('list_engagements', {});
    expect(engagements.structuredContent?.engagements).toEqual([
      expect.objectContaining({ id: f.engagementId, name: 'Market entry' }),
    ]);

    const news = await call('list_news', { limit: 5 });
    expect(news.structuredContent?.articles).toEqual([
      expect.objectContaining({ id: f.articleId, link: `${f.url}/news?article=${f.articleId}` }),
    ]);
  });

  it('refuses a tool whose scope the key lacks, and keeps the others working', async () => {
    const client = await connect(f.readKey);
    for (const [name, args] of [
      ['create_entry', { title: 'Not allowed' }],
      ['ask_knowledge', { question: 'Anything?' }],
    ] as const) {
      const result = (await client.callTool({ name, arguments: args })) as ToolResult;
      expect(result.isError).toBe(true);
      expect(text(result)).toContain(`FORBIDDEN: Missing permission: ${MCP_TOOL_SCOPES[name]}`);
    }
    const allowed = (await client.callTool({
      name: 'get_entry',
      arguments: { id: f.entryId },
    })) as ToolResult;
    expect(allowed.isError).toBeFalsy();
  });

  it('reports bad arguments as a tool error, not a server error', async () => {
    const client = await connect(f.fullKey);
    const result = (await client.callTool({ name: 'get_entry', arguments: { id: 'nope' } })) as ToolResult;
    expect(result.isError).toBe(true);
  });

  it('refuses requests without a valid API key', async () => {
    await expect(connect(null)).rejects.toThrow(/401|API key/);
    await expect(connect('csk_unknown_key')).rejects.toThrow(/401|Invalid API key/);
  });
});
