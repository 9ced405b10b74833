import { handleMcpRequest } from '@consailt/api/rest';

export const dynamic = 'force-dynamic';

// MCP (stateless Streamable HTTP) over the same procedures as /api/trpc; API-key auth.
function handler(req: Request) {
  return handleMcpRequest(req);
}

export { handler as DELETE, handler as GET, handler as POST };
