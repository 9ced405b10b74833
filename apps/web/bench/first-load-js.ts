/**
 * First-load JavaScript per route, from the production build: Next 16 with Turbopack prints no sizes,
 * so this starts the production server (building first if sources changed), signs in, fetches each
 * route's server-rendered HTML and sums the gzipped size of every `<script src>` chunk it references (except `noModule` polyfills, which module-capable browsers never fetch)
 * (what a first visit downloads before the page is interactive; chunks shared by all routes count for
 * each). Prints a table, then one JSON line.
 *
 *   npm run bench:web-js
 */
import { gzipSync } from 'node:zlib';
import { gotoReady, launchBrowser, startApp } from '../e2e/app-server';
import { load1, round, signedInState } from './lib';

const TARGET_KB = 200;

const app = await startApp({}, { timeoutMs: 1_200_000 });
try {
  const browser = await launchBrowser();
  const state = await signedInState(browser, app.url);
  // An entry page needs a real id: take the first entry linked from the Knowledge page.
  const context = await browser.newContext({ baseURL: app.url, storageState: state });
  const page = await context.newPage();
  await gotoReady(page, '/knowledge');
  const entryHref =
    (await page
      .locator('main a[href^="/knowledge/"]:not([href="/knowledge/new"]):not([href="/knowledge/trash"])')
      .first()
      .getAttribute('href')) ?? '';
  const engagementsHtml = await (await page.request.get('/engagements')).text();
  const engagementHref = /href="(\/engagements\/[0-9a-f-]{36})"/.exec(engagementsHtml)?.[1] ?? '';
  await browser.close();
  const cookie = state.cookies.map((c) => `${c.name}=${c.value}`).join('; ');

  const routes = [
    '/',
    '/sign-in',
    '/knowledge',
    '/knowledge/new',
    entryHref,
    `${entryHref}/edit`,
    '/knowledge/trash',
    '/search',
    '/ask',
    '/engagements',
    '/engagements/new',
    engagementHref,
    '/insights',
    '/news',
    '/news/feeds',
    '/analytics',
    '/settings',
    '/settings/organization',
    '/settings/members',
    '/settings/roles',
    '/settings/ai',
    '/settings/budgets',
    '/settings/api-keys',
    '/settings/jobs',
    '/settings/audit',
    '/settings/api',
  ].filter((r) => r !== '' && !r.startsWith('/edit'));

  const chunkSize = new Map<string, { raw: number; gzip: number }>();
  async function sizeOf(src: string) {
    const known = chunkSize.get(src);
    if (known) return known;
    const body = Buffer.from(await (await fetch(new URL(src, app.url))).arrayBuffer());
    const size = { raw: body.length, gzip: gzipSync(body).length };
    chunkSize.set(src, size);
    return size;
  }

  const homeChunks = new Set<string>();
  const results: { route: string; status: number; scripts: number; rawKb: number; gzipKb: number }[] = [];
  for (const route of routes) {
    const res = await fetch(new URL(route, app.url), { headers: { cookie }, redirect: 'manual' });
    const html = await res.text();
    // `noModule` scripts (Next's legacy polyfills) are skipped by every browser that runs modules.
    const srcs = [
      ...new Set(
        [...html.matchAll(/<script\b([^>]*)>/g)]
          .filter((m) => !/\bnomodule\b/i.test(m[1] ?? ''))
          .flatMap((m) => /\ssrc="([^"]+)"/.exec(m[1] ?? '')?.[1] ?? []),
      ),
    ];
    let raw = 0;
    let gzip = 0;
    const chunks: string[] = [];
    const extra: string[] = [];
    for (const src of srcs) {
      const s = await sizeOf(src);
      raw += s.raw;
      gzip += s.gzip;
      const line = `${(s.gzip / 1024).toFixed(1).padStart(7)} kB  ${src}`;
      chunks.push(line);
      if (!homeChunks.has(src)) extra.push(line);
    }
    if (route === '/') for (const src of srcs) homeChunks.add(src);
    // `--chunks /route` lists what one route downloads, biggest first; `--chunks all` lists, for
    // every route, the chunks it downloads beyond Home's.
    if (process.argv.includes('--chunks') && process.argv.includes(route)) {
      console.log(`chunks of ${route} (gzip):\n${chunks.sort().reverse().join('\n')}`);
    } else if (process.argv.includes('--chunks') && process.argv.includes('all') && extra.length > 0) {
      console.log(`chunks of ${route} beyond Home's (gzip):\n${extra.sort().reverse().join('\n')}`);
    }
    results.push({
      route,
      status: res.status,
      scripts: srcs.length,
      rawKb: round(raw / 1024),
      gzipKb: round(gzip / 1024),
    });
  }
  results.sort((a, b) => b.gzipKb - a.gzipKb);
  // The entry and engagement ids are per database; name the routes by their pattern.
  const label = (r: string) =>
    r
      .replace(/\/knowledge\/[0-9a-f-]{36}/, '/knowledge/[id]')
      .replace(/\/engagements\/[0-9a-f-]{36}/, '/engagements/[id]');
  console.log('route                         status  scripts   raw kB  gzip kB');
  for (const r of results)
    console.log(
      `${label(r.route).padEnd(30)}${String(r.status).padStart(6)}${String(r.scripts).padStart(9)}${r.rawKb.toFixed(1).padStart(9)}${r.gzipKb.toFixed(1).padStart(9)}`,
    );
  const over = results.filter((r) => r.gzipKb > TARGET_KB);
  console.log(`load average ${load1()}; routes over ${TARGET_KB} kB gzipped: ${over.length}`);
  console.log(
    JSON.stringify({
      bench: 'web-first-load-js',
      targetGzipKb: TARGET_KB,
      loadAvg1: load1(),
      maxGzipKb: results[0]?.gzipKb ?? 0,
      routesOverTarget: over.map((r) => label(r.route)),
      routes: Object.fromEntries(
        results.map((r) => [label(r.route), { gzipKb: r.gzipKb, rawKb: r.rawKb, status: r.status }]),
      ),
    }),
  );
} finally {
  await app.stop();
}
