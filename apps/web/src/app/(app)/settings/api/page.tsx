import { Card, CardContent, CardDescription, CardHeader, CardTitle, CopyButton } from '@consailt/ui';
import type { Metadata } from 'next';
import { headers } from 'next/headers';
import Link from 'next/link';
import { roleCan } from '@/lib/permissions';
import { requireSession } from '@/lib/session';

export const metadata: Metadata = { title: 'API & MCP' };

/** The origin the browser reached us at (behind a proxy: its forwarded host and scheme). */
async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost:3000';
  const proto =
    h.get('x-forwarded-proto') ??
    (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}

function Snippet({ title, code, label }: { title: string; code: string; label: string }) {
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium text-sm">{title}</span>
        <CopyButton value={code} label="Copy" size="sm" aria-label={`Copy ${label}`} />
      </div>
      <pre className="overflow-x-auto rounded-md border bg-muted p-3 font-mono text-xs leading-relaxed">
        <code>{code}</code>
      </pre>
    </div>
  );
}

export default async function ApiDocsPage() {
  const session = await requireSession();
  const origin = await requestOrigin();
  const canManageKeys = roleCan(session.role, 'keys:manage');

  const sdkSnippet = `import { createConsailtClient } from '@consailt/sdk';

const consailt = createConsailtClient({
  baseUrl: '${origin}',
  apiKey: process.env.CONSAILT_API_KEY, // csk_…
});

const { items } = await consailt.search({ query: 'pricing lessons' });
for await (const event of consailt.ask({ question: 'What did we learn about fixed fees?' })) {
  if (event.type === 'text') process.stdout.write(event.text);
}`;

  const curlSnippet = `curl -H "Authorization: Bearer $CONSAILT_API_KEY" \\
  -H "Content-Type: application/json" \\
  -d '{"query":"pricing lessons"}' \\
  ${origin}/api/v1/search`;

  const claudeConfig = JSON.stringify(
    {
      mcpServers: {
        consailt: {
          command: 'npx',
          args: [
            '-y',
            'mcp-remote',
            `${origin}/api/mcp`,
            '--header',
            // mcp-remote expands ${CONSAILT_API_KEY} from `env` itself: the braces are meant literally.
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder for mcp-remote, not JavaScript
            'Authorization: Bearer ${CONSAILT_API_KEY}',
          ],
          env: { CONSAILT_API_KEY: 'csk_…' },
        },
      },
    },
    null,
    2,
  );
  const cursorConfig = JSON.stringify(
    { mcpServers: { consailt: { url: `${origin}/api/mcp`, headers: { Authorization: 'Bearer csk_…' } } } },
    null,
    2,
  );

  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>Connect tools and assistants</CardTitle>
          <CardDescription>
            Three doors to the same knowledge and the same permissions: a typed SDK, a REST API with an
            OpenAPI document, and an MCP server for AI assistants.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 text-sm">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2">
            <dt className="text-muted-foreground">Base URL</dt>
            <dd className="font-mono" data-testid="api-base-url">
              {origin}
            </dd>
            <dt className="text-muted-foreground">REST</dt>
            <dd className="font-mono">
              {origin}/api/v1 ·{' '}
              <a className="underline" href="/api/v1/openapi.json">
                openapi.json
              </a>
            </dd>
            <dt className="text-muted-foreground">SDK (tRPC)</dt>
            <dd className="font-mono">{origin}/api/trpc</dd>
            <dt className="text-muted-foreground">MCP</dt>
            <dd className="font-mono">{origin}/api/mcp</dd>
          </dl>
          <p>
            Every call authenticates with an organization API key: <code>Authorization: Bearer csk_…</code>. A
            key only does what its scopes allow (a read-only key cannot create entries or ask questions).{' '}
            {canManageKeys ? (
              <>
                Create one in{' '}
                <Link href="/settings/api-keys" className="underline">
                  Settings → API keys
                </Link>
                ; the secret is shown once.
              </>
            ) : (
              'Ask an owner or admin of your organization to create one for you.'
            )}
          </p>
          <p className="text-muted-foreground">
            Requests are rate limited per key and per user (a token bucket sized by your plan; an answer costs
            ten reads). Every response carries <code>X-RateLimit-Limit</code>,{' '}
            <code>X-RateLimit-Remaining</code> and <code>X-RateLimit-Reset</code>; a refused call gets 429
            with <code>Retry-After</code>, which the SDK waits for on its own.
          </p>
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>SDK and REST</CardTitle>
          <CardDescription>
            TypeScript tools use the SDK; anything else can call the REST API.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Snippet title="TypeScript (@consailt/sdk)" code={sdkSnippet} label="SDK snippet" />
          <Snippet title="REST (curl)" code={curlSnippet} label="curl snippet" />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>MCP for AI assistants</CardTitle>
          <CardDescription>
            Tools: search_knowledge, ask_knowledge, get_entry, create_entry, list_engagements, list_news.
            Results link back to the entries they cite.
          </CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4">
          <Snippet
            title="Claude Desktop (claude_desktop_config.json)"
            code={claudeConfig}
            label="Claude Desktop config"
          />
          <Snippet title="Cursor (.cursor/mcp.json)" code={cursorConfig} label="Cursor config" />
        </CardContent>
      </Card>
    </>
  );
}
