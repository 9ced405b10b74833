import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { createTRPCContext } from '../context';
import type { RestError } from '../rest/errors';
import { bearerOnlyHeaders, requestOrigin } from '../rest/handler';
import { appRouter } from '../routers/app-router';
import { registerTools } from './tools';

function jsonRpcError(status: number, message: string, headers: Headers): Response {
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32001, message }, id: null }), {
    status,
    headers,
  });
}

/**
 * /api/mcp: a stateless Streamable HTTP MCP server (one server and transport per request, JSON
 * responses). Authenticated with an API key (or a Bearer session token); each tool calls the same
 * procedure as tRPC and REST, so scopes, tenant isolation and rate limits are the same.
 */
export async function handleMcpRequest(req: Request, opts: { origin?: string } = {}): Promise<Response> {
  const headers = bearerOnlyHeaders(req.headers);
  const resHeaders = new Headers();
  const ctx = await createTRPCContext({ headers, resHeaders });
  if (!ctx.principal) {
    resHeaders.set('www-authenticate', 'Bearer realm="consailt"');
    return jsonRpcError(401, ctx.authError ?? 'Send an API key: Authorization: Bearer csk_…', resHeaders);
  }
  // Stateless: there is no session to resume or stream notifications to.
  if (req.method !== 'POST') return jsonRpcError(405, 'Use POST (stateless Streamable HTTP)', resHeaders);

  let limited: RestError | null = null;
  const server = new McpServer({ name: 'consailt', version: ctx.env.APP_VERSION });
  registerTools(server, {
    caller: appRouter.createCaller(ctx),
    origin: opts.origin ?? requestOrigin(req),
    requestId: ctx.requestId,
    onError: (error) => {
      if (error.error.code === 'TOO_MANY_REQUESTS') limited = error;
    },
  });
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    const response = await transport.handleRequest(
      new Request(req.url, { method: req.method, headers, body: await req.text() }),
    );
    // A rate-limited tool call is answered as HTTP 429 (with Retry-After) like every other surface.
    const refusal = limited as RestError | null;
    if (refusal) return jsonRpcError(429, refusal.error.message, resHeaders);
    const out = new Headers(response.headers);
    for (const [name, value] of resHeaders) out.set(name, value);
    return new Response(response.body, { status: response.status, headers: out });
  } finally {
    await server.close().catch(() => {});
  }
}
