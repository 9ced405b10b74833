import { randomUUID } from 'node:crypto';
import { createTRPCContext } from '../context';
import { appRouter } from '../routers/app-router';
import { collectAnswer } from './ask';
import { errorResponse, restErrorFromLibraryBody, restErrorFromUnknown } from './errors';
import { getOpenApiDocument, REST_PREFIX } from './openapi';
import { createOpenApiNodeHttpHandler } from './openapi-lib';

/** files.upload carries a base64 body of up to 10 MB; JSON bodies above this are refused with 413. */
const MAX_BODY_BYTES = 15 * 1024 * 1024;

/**
 * REST and MCP authenticate with `Authorization` only. Cookies are dropped so a browser session
 * can never be replayed cross-site against them.
 */
export function bearerOnlyHeaders(source: Headers): Headers {
  const headers = new Headers(source);
  headers.delete('cookie');
  if (!headers.get('x-request-id')) headers.set('x-request-id', randomUUID());
  return headers;
}

type NodeResLike = {
  statusCode: number;
  setHeader(name: string, value: string | string[]): void;
  end(body?: string): void;
};
type NodeHandler = (req: unknown, res: NodeResLike) => Promise<void>;

let handler: NodeHandler | undefined;

// The library's own fetch adapter builds (and, outside production, validates) a handler per request;
// this one is built once. Its context gets the response headers the procedures set (rate limits).
function openApiHandler(): NodeHandler {
  handler ??= createOpenApiNodeHttpHandler({
    router: appRouter,
    maxBodySize: MAX_BODY_BYTES,
    createContext: ({ req }: { req: { headers: Headers; resHeaders: Headers } }) =>
      createTRPCContext({ headers: req.headers, resHeaders: req.resHeaders }),
  }) as NodeHandler;
  return handler;
}

async function readJsonBody(
  req: Request,
): Promise<{ ok: true; value: unknown } | { ok: false; status: number; message: string }> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'Request body too large' };
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) return { ok: false, status: 413, message: 'Request body too large' };
  if (!text) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, status: 400, message: 'Request body is not valid JSON' };
  }
}

/**
 * The origin the client used (for the document's `servers` and links in MCP results). Behind a
 * proxy or Next's server, `req.url` carries the bind address, so the Host headers decide.
 */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const host =
    req.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || req.headers.get('host') || url.host;
  const proto = req.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() || url.protocol.replace(/:$/, '');
  return `${proto}://${host}`;
}

function simpleError(status: number, code: string, message: string, requestId: string): Response {
  return errorResponse({ error: { code, status, message, requestId } });
}

/** Runs one generated route through trpc-to-openapi, then reshapes errors into the one error body. */
async function runGenerated(req: Request, url: URL, headers: Headers, body: unknown): Promise<Response> {
  const resHeaders = new Headers();
  // The library reads `url`, `method`, `headers` and (already parsed) `body` from a Request.
  const proxied = new Proxy(req, {
    get(target, prop) {
      if (prop === 'url') return url.toString();
      if (prop === 'body') return body;
      if (prop === 'headers') return headers;
      if (prop === 'resHeaders') return resHeaders;
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const {
    status,
    text,
    headers: libHeaders,
  } = await new Promise<{ status: number; text: string; headers: Headers }>((resolve, reject) => {
    const out = new Headers();
    const res: NodeResLike = {
      statusCode: 200,
      setHeader: (name, value) => {
        for (const v of Array.isArray(value) ? value : [value]) out.append(name, v);
      },
      end: (text) => resolve({ status: res.statusCode, text: text ?? '', headers: out }),
    };
    openApiHandler()(proxied, res).catch(reject);
  });
  for (const [name, value] of resHeaders) libHeaders.set(name, value);
  if (status < 400) return new Response(status === 204 ? null : text, { status, headers: libHeaders });
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(text);
  } catch {
    // fall through with an empty body
  }
  const reshaped = restErrorFromLibraryBody(status, parsed);
  reshaped.error.requestId ??= headers.get('x-request-id') ?? undefined;
  return errorResponse(reshaped, libHeaders);
}

/** POST /ask: the streaming procedure, answered as JSON or as server-sent events. */
async function runAsk(req: Request, headers: Headers, body: unknown): Promise<Response> {
  const resHeaders = new Headers();
  const ctx = await createTRPCContext({ headers, resHeaders });
  try {
    const stream = await appRouter.createCaller(ctx).ask.send(body as never);
    if (!(req.headers.get('accept') ?? '').includes('text/event-stream')) {
      resHeaders.set('content-type', 'application/json');
      return new Response(JSON.stringify(await collectAnswer(stream)), { status: 200, headers: resHeaders });
    }
    const encoder = new TextEncoder();
    const sse = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          for await (const event of stream) {
            controller.enqueue(encoder.encode(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
          }
        } catch (error) {
          const payload = restErrorFromUnknown(error, ctx.requestId);
          controller.enqueue(encoder.encode(`event: error\ndata: ${JSON.stringify(payload)}\n\n`));
        }
        controller.close();
      },
      async cancel() {
        await stream.return(undefined);
      },
    });
    resHeaders.set('content-type', 'text/event-stream; charset=utf-8');
    resHeaders.set('cache-control', 'no-cache');
    return new Response(sse, { status: 200, headers: resHeaders });
  } catch (error) {
    const payload = restErrorFromUnknown(error, ctx.requestId);
    if (payload.error.status >= 500) ctx.logger.error({ err: error }, 'REST ask failed');
    return errorResponse(payload, resHeaders);
  }
}

/**
 * Everything under /api/v1: the OpenAPI document, POST /ask, and the routes trpc-to-openapi
 * generates from procedures with `meta.openapi`. Errors always come back as `{ error: {...} }`.
 */
export async function handleRestRequest(req: Request): Promise<Response> {
  const headers = bearerOnlyHeaders(req.headers);
  const requestId = headers.get('x-request-id') ?? randomUUID();
  const full = new URL(req.url);
  const path = full.pathname.startsWith(REST_PREFIX)
    ? full.pathname.slice(REST_PREFIX.length) || '/'
    : full.pathname;
  if (path === '/openapi.json') {
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return simpleError(405, 'METHOD_NOT_SUPPORTED', 'Use GET', requestId);
    return Response.json(getOpenApiDocument(requestOrigin(req)), {
      headers: { 'cache-control': 'public, max-age=300' },
    });
  }
  let body: unknown;
  if (['POST', 'PUT', 'PATCH'].includes(req.method)) {
    const contentType = req.headers.get('content-type') ?? '';
    if (!contentType.startsWith('application/json'))
      return simpleError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Send a JSON body with Content-Type: application/json',
        requestId,
      );
    const parsed = await readJsonBody(req);
    if (!parsed.ok)
      return simpleError(
        parsed.status,
        parsed.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'PARSE_ERROR',
        parsed.message,
        requestId,
      );
    body = parsed.value ?? {};
  }
  if (path === '/ask') {
    if (req.method !== 'POST') return simpleError(405, 'METHOD_NOT_SUPPORTED', 'Use POST', requestId);
    return runAsk(req, headers, body);
  }
  const url = new URL(`${path}${full.search}`, full.origin);
  return runGenerated(req, url, headers, body);
}
