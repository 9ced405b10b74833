import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createTRPCContext } from '../context';
import { handleMcpRequest } from '../mcp/handler';
import { appRouter } from '../routers/app-router';
import { handleRestRequest } from './handler';

/** The three API surfaces as one fetch handler, routed like the web app's route handlers. */
export function apiFetchHandler(req: Request): Promise<Response> {
  const path = new URL(req.url).pathname;
  if (path.startsWith('/api/trpc'))
    return fetchRequestHandler({
      endpoint: '/api/trpc',
      req,
      router: appRouter,
      createContext: ({ resHeaders }) => createTRPCContext({ headers: req.headers, resHeaders }),
      onError: () => {},
    });
  if (path === '/api/v1' || path.startsWith('/api/v1/')) return handleRestRequest(req);
  if (path === '/api/mcp') return handleMcpRequest(req);
  return Promise.resolve(
    Response.json({ error: { code: 'NOT_FOUND', status: 404, message: 'Not found' } }, { status: 404 }),
  );
}

/**
 * A plain Node HTTP server with the API surfaces (no Next.js), on the runtime installed with
 * `setRuntimeForTests` or the default one: used by the SDK/REST/MCP tests and the API benchmark.
 */
export async function serveApi(opts: { port?: number; host?: string } = {}): Promise<{
  url: string;
  server: Server;
  close: () => Promise<void>;
}> {
  const server = createServer(getRequestListener(apiFetchHandler));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
