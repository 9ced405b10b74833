import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createDatabase } from '@consailt/db';
import { sql } from 'drizzle-orm';

/** Deterministic PRNG (mulberry32) so every run ingests the same text. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka re mo lin tas ver sol pra dun eth qui zor mal bes tor fin gal hep nor vac'.split(' ');

/** A markdown entry of about `words` words: headings, paragraphs, a consultant-ish vocabulary. */
export function makeEntryBody(seed: number, words = 1000): string {
  const r = rng(seed);
  const vocab = Array.from({ length: 3000 }, (_, i) => {
    const rr = rng(i + 1);
    return Array.from(
      { length: 2 + Math.floor(rr() * 3) },
      () => SYLLABLES[Math.floor(rr() * SYLLABLES.length)],
    ).join('');
  });
  const pick = () => vocab[Math.floor(r() ** 2 * vocab.length)] ?? 'x';
  const parts: string[] = [];
  let count = 0;
  let section = 0;
  while (count < words) {
    if (count % 250 === 0) parts.push(`## Section ${++section}: ${pick()} ${pick()}`);
    const sentences = Array.from({ length: 4 }, () => {
      const n = 8 + Math.floor(r() * 10);
      count += n;
      return `${Array.from({ length: n }, pick).join(' ')}.`;
    });
    parts.push(sentences.join(' '));
  }
  return parts.join('\n\n');
}

/** Serves `/feed/<n>.rss`: `items` distinct items per feed, with an ETag so re-polls get 304. */
export async function startBenchFeedServer(items: number): Promise<{ server: Server; base: string }> {
  const server = createServer((req, res) => {
    const n = /\/feed\/(\d+)\.rss/.exec(req.url ?? '')?.[1] ?? '0';
    const etag = `"feed-${n}-v1"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    const body = Array.from(
      { length: items },
      (_, i) =>
        `<item><title>Feed ${n} story ${i}</title><guid>f${n}-${i}</guid><link>https://news.example.test/${n}/${i}</link>` +
        `<pubDate>Mon, 0${1 + (i % 9)} Jun 2026 10:00:00 GMT</pubDate><description>&lt;p&gt;${makeEntryBody(Number(n) * 1000 + i, 120)}&lt;/p&gt;</description></item>`,
    ).join('');
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag });
    res.end(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${n}</title>${body}</channel></rss>`,
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** Creates the benchmark database when it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const handle = await createDatabase({ url: admin.toString(), poolMax: 1 });
  try {
    const rows = (await handle.db.execute(
      sql`select 1 from pg_database where datname = ${name}`,
    )) as unknown as unknown[];
    if (rows.length === 0) await handle.db.execute(sql.raw(`create database "${name.replace(/"/g, '')}"`));
  } finally {
    await handle.close();
  }
}

/** The real worker process (apps/worker), with its peak RSS read from /proc (Linux). */
export function spawnWorker(repoRoot: string, env: Record<string, string>, nodeArgs: string[] = []) {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'src/main.ts'], {
    cwd: path.join(repoRoot, 'apps/worker'),
    env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d).slice(-2000);
  });
  child.stderr?.on('data', (d) => {
    output += String(d).slice(-2000);
  });
  const peakRssMb = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    } catch {
      return null;
    }
  };
  return { child, output: () => output, peakRssMb };
}

export async function waitUntil(fn: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
