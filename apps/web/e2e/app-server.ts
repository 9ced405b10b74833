import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export type AppServer = { url: string; stop: () => Promise<void>; output: () => string };

/**
 * Starts the product the way a newcomer does (`scripts/start.ts`, embedded defaults) on a free
 * port with a throwaway data directory; builds the web app first if its sources changed.
 */
export async function startApp(
  env: Record<string, string> = {},
  opts: { timeoutMs?: number } = {},
): Promise<AppServer> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'consailt-e2e-'));
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    PGLITE_DATA_DIR: path.join(dir, 'pglite'),
    LOG_LEVEL: 'warn',
    ...env,
  };
  for (const k of [
    'DATABASE_URL',
    'REDIS_URL',
    'CLERK_SECRET_KEY',
    'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
    'SESSION_SECRET',
  ]) {
    if (!(k in env)) delete childEnv[k];
  }
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'scripts/start.ts')],
    {
      cwd: root,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    },
  );
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  // A cold build on the shared 2-core machine can take minutes; callers with a longer hook allow more.
  const deadline = Date.now() + (opts.timeoutMs ?? 280_000);
  // On failure the detached launcher (and a build it started) would outlive the caller: end its group.
  const giveUp = (message: string): never => {
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
    throw new Error(message);
  };
  for (;;) {
    if (child.exitCode !== null) giveUp(`app exited early:\n${output.slice(-3000)}`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) giveUp(`app not healthy in time:\n${output.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => output,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-(child.pid as number), 'SIGTERM');
      } catch {
        // already gone
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        // exited
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine needs (no background networking). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** Loads a page and waits until React has hydrated it (the root layout marks `<html data-hydrated>`). */
export async function gotoReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitHydrated(page);
}

/** Waits until React has hydrated the current page (after a client-side navigation, say). */
export async function waitHydrated(page: Page): Promise<void> {
  await page.locator('html[data-hydrated="true"]').waitFor({ state: 'attached' });
}

/**
 * Signs in through the development sign-in as one of the seeded demo users (by display name) and
 * waits for Home to hydrate. `page` must belong to a context whose `baseURL` is `baseUrl`.
 */
export async function signIn(page: Page, baseUrl: string, name: string): Promise<void> {
  await gotoReady(page, '/sign-in');
  await page.getByRole('button', { name: `Sign in as ${name}` }).click();
  await page.waitForURL(`${baseUrl}/`);
  await waitHydrated(page);
}

/**
 * On the Insights page: runs a risk assessment of the named engagement and waits until the streamed
 * answer is complete. Returns the run's container and the engagement's id.
 */
export async function runRiskAssessment(
  page: Page,
  engagement: string,
): Promise<{ run: Locator; engagementId: string }> {
  const engagementId = await page
    .locator('#insight-engagement option', { hasText: engagement })
    .getAttribute('value');
  if (!engagementId) throw new Error(`engagement ${engagement} missing`);
  await page.locator('#insight-engagement').selectOption(engagementId);
  await page.getByRole('radio', { name: /Risk assessment/ }).check();
  await page.getByRole('button', { name: 'Run analysis' }).click();
  const run = page.getByTestId('insight-run');
  await expect
    .poll(() => run.getByTestId('answer').getAttribute('data-status'), { timeout: 60_000 })
    .toBe('complete');
  return { run, engagementId };
}
